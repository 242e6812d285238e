//! Prints the HTML a PDF is read as (for looking at what the PDF reader rebuilt):
//! `cargo run --example pdf_html -- FILE.pdf`.
fn main() {
    for path in std::env::args().skip(1) {
        match nianbao::read::pdf::read_file(std::path::Path::new(&path)) {
            Ok(d) => print!("{}", d.html),
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
}
