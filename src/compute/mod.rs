//! Derived facts: the status of each result and its progress towards
//! target ([`status`], [`progress`]), and, for a whole validated site, all
//! of them computed once with each session's and indicator's tally
//! ([`Facts`]).

mod facts;
mod status;

pub use facts::{Facts, Tally};
pub use status::{progress, status, Status};
