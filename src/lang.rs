//! The language of what nianbao writes for people: messages, reasons, rule documentation.

/// Chinese (the users' language, the default) or English (on request, `--lang en`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}
