//! `nianbao rule [CODE] [--lang zh|en]`: the rule catalogue, or one rule's documentation,
//! in Chinese or English.

use std::io::Write;
use std::process::ExitCode;

use crate::lang::Lang;

pub fn run(code: Option<&str>, lang: Lang) -> ExitCode {
    let mut out = String::new();
    match code {
        None => {
            for r in crate::rules::registry() {
                out.push_str(&format!(
                    "{:<4} {:<28} {:<8} {}\n",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    r.summary(lang)
                ));
            }
        }
        Some(c) => match crate::rules::lookup(c) {
            Some(r) => {
                let severity = match lang {
                    Lang::Zh => "默认级别",
                    Lang::En => "default severity",
                };
                out.push_str(&format!(
                    "{} {} ({severity}: {})\n\n{}\n",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    r.doc(lang)
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
