//! Publishing the matrix for people who were not in the room: the "Who owns...?" lookup and share
//! links that carry the matrix in the URL itself.

pub mod lookup;
pub mod share;

pub use lookup::{Holders, Lookup, LookupIndex, Ownership, ownership, role_summary};
pub use share::{LinkLength, ShareError};
