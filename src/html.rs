//! HTML input (placeholder until written).
