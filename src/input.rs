//! Reading report files.

use std::fmt;
use std::path::Path;

/// Why a file could not be read as a report.
#[derive(Debug)]
pub enum InputError {
    Io(std::io::Error),
    /// Not UTF-8 text (binary, or another encoding).
    NotUtf8 {
        valid_up_to: usize,
    },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Io(e) => write!(f, "无法读取文件（cannot read file）: {e}"),
            InputError::NotUtf8 { valid_up_to } => write!(
                f,
                "不是 UTF-8 文本，第 {valid_up_to} 字节处解码失败（not UTF-8 text: invalid byte at offset {valid_up_to}）"
            ),
        }
    }
}

impl std::error::Error for InputError {}

/// Reads a file as UTF-8 text, without a leading byte-order mark.
pub fn read_file(path: &Path) -> Result<String, InputError> {
    let bytes = std::fs::read(path).map_err(InputError::Io)?;
    decode(bytes)
}

/// Decodes UTF-8 bytes, dropping a byte-order mark.
pub fn decode(bytes: Vec<u8>) -> Result<String, InputError> {
    let mut text = String::from_utf8(bytes).map_err(|e| InputError::NotUtf8 {
        valid_up_to: e.utf8_error().valid_up_to(),
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}
