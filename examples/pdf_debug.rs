fn main() {
    let path = std::env::args().nth(1).unwrap();
    let page: usize = std::env::args().nth(2).unwrap().parse().unwrap();
    let bytes = std::fs::read(path).unwrap();
    let pages = nianbao::read::pdf::pages(&bytes).unwrap();
    let p = &pages[page - 1];
    println!("size {} {}", p.width, p.height);
    for s in &p.segments {
        println!("seg {:.1} {:.1} {:.1} {:.1}", s.x0, s.y0, s.x1, s.y1);
    }
    for c in &p.chars {
        println!(
            "char {:?} {:.1} {:.1} w{:.1} s{:.1}",
            c.text, c.x, c.y, c.width, c.size
        );
    }
}
