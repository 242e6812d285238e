//! `nianbao rule [CODE]`: the rule catalogue, or one rule's documentation.

use std::io::Write;
use std::process::ExitCode;

pub fn run(code: Option<&str>) -> ExitCode {
    let mut out = String::new();
    match code {
        None => {
            for r in crate::rules::registry() {
                out.push_str(&format!(
                    "{:<4} {:<28} {:<8} {}\n",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    r.summary()
                ));
            }
        }
        Some(c) => match crate::rules::lookup(c) {
            Some(r) => {
                out.push_str(&format!(
                    "{} {} (default severity: {})\n\n{}\n",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    r.doc()
                ));
            }
            None => {
                say!("nianbao: 未知的规则 “{c}”（unknown rule; run `nianbao rule` for the list）");
                return ExitCode::from(2);
            }
        },
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    ExitCode::SUCCESS
}
