//! Reading: from a file's bytes to the report model, in this order.
//!
//! 1. [`input`]: bytes to text (encoding, byte-order mark, line endings), with the map back to
//!    the original bytes; [`docx`] turns a Word document into HTML with a map back to its
//!    paragraphs and table cells, and [`pdf`] a PDF, its tables rebuilt from where each
//!    character and ruling line sits, with a map back to its pages, lines and cells.
//! 2. [`text`] and [`html`]: the text cut into pieces (lines, table cells) with their byte
//!    ranges; [`canon`]: the canonical form of characters (full-width, variants) used to match.
//! 3. [`token`]: pieces to tokens — row and column labels ([`labels`], the official label set),
//!    values and blank marks; [`split`]: digit runs written without separators.
//! 4. [`reader`]: tokens to sections and the three tables, every cell placed by its labels and
//!    identified by its cell id ([`cells`]); [`meta`]: the title, year, agency, issuer kind and
//!    dates.
//! 5. [`model`]: the report model the rules read — sections, tables, cells with byte ranges,
//!    each unreadable cell with its reason.
//!
//! [`incremental`] re-reads only the blocks an edit touched and reuses the rest (the language
//! server). Nothing here knows a rule; nothing here depends on [`crate::lint`] or the faces.

pub mod canon;
pub mod cells;
pub mod docx;
pub mod html;
pub mod incremental;
pub mod input;
pub mod labels;
pub mod meta;
pub mod model;
pub mod pdf;
pub mod reader;
pub mod split;
pub mod text;
pub mod token;
