//! Derived facts: the status of each result and its progress towards target.

mod status;

pub use status::{progress, status, Status};
