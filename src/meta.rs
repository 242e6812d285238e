//! Report metadata (placeholder until written).
