//! Derived facts: the status of each result and the reason for it
//! ([`status`], by the linear rule or the growth rate of [`growth`]), its
//! progress towards target, and, for a whole validated site, all of them
//! computed once with each session's and indicator's tally ([`Facts`]).

mod facts;
pub mod goalposts;
pub mod growth;
mod status;
pub mod track;

pub use facts::{Change, Derived, Facts, Tally, Track};
pub use status::{judge, progress, status, Basis, Judgement, Reason, Start, StartFrom, Status};
