//! An activity's cells as a document holds them: an object from role name to "A/R", or to
//! `{"unrecognised": text}`, with empty cells left out.
//!
//! Written straight from the matrix's cells and read without building a JSON tree: at 5,000 x 100
//! with a baseline that is a million cells, and a tree of them took most of the time a saved
//! matrix took to open. Role names and letters are borrowed from the text where it has no escapes.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::{Cell, Letter, Letters, LettersBuffer, Role};

/// The cells of one activity: borrowed from a matrix to be written, or as read.
pub(super) enum Cells<'a> {
    Write {
        roles: &'a [Role],
        cells: &'a [Cell],
    },
    Read(Vec<(Cow<'a, str>, CellValue<'a>)>),
}

impl Default for Cells<'_> {
    fn default() -> Self {
        Cells::Read(Vec::new())
    }
}

/// One cell's value as read, before it is checked.
pub(super) enum CellValue<'a> {
    /// "A/R", as people write it.
    Text(Cow<'a, str>),
    /// `{"unrecognised": text}`.
    Unrecognised(String),
    /// Anything else, kept for the message that says it cannot be read.
    Other(Value),
}

impl CellValue<'_> {
    /// The cell, or None when the value is not one.
    pub(super) fn to_cell(&self) -> Option<Cell> {
        match self {
            CellValue::Text(text) => parse_letters(text).map(Cell::letters),
            CellValue::Unrecognised(text) => Some(Cell::unrecognised(text)),
            CellValue::Other(_) => None,
        }
    }

    /// The value as JSON text, for messages.
    pub(super) fn to_json(&self) -> String {
        match self {
            CellValue::Text(text) => Value::String(text.to_string()).to_string(),
            CellValue::Unrecognised(text) => {
                serde_json::json!({ "unrecognised": text }).to_string()
            }
            CellValue::Other(value) => value.to_string(),
        }
    }
}

/// "A/R" (slashes optional between letters, each part one letter) as letters.
fn parse_letters(text: &str) -> Option<Letters> {
    text.split('/')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Letter::from_char(c),
                _ => None,
            }
        })
        .collect()
}

impl Serialize for Cells<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        match self {
            Cells::Write { roles, cells } => {
                for (role, cell) in roles.iter().zip(cells.iter()) {
                    if cell.is_empty() {
                        continue;
                    }
                    map.serialize_key(&role.name)?;
                    match &cell.unrecognised {
                        Some(text) => map.serialize_value(&Unrecognised { unrecognised: text })?,
                        None => map.serialize_value(&LettersText(&cell.letters))?,
                    }
                }
            }
            Cells::Read(read) => {
                for (role, value) in read {
                    map.serialize_key(role)?;
                    match value {
                        CellValue::Text(text) => map.serialize_value(text)?,
                        CellValue::Unrecognised(text) => {
                            map.serialize_value(&Unrecognised { unrecognised: text })?
                        }
                        CellValue::Other(value) => map.serialize_value(value)?,
                    }
                }
            }
        }
        map.end()
    }
}

#[derive(Serialize)]
struct Unrecognised<'a> {
    unrecognised: &'a str,
}

/// Letters written as text without building a string first.
struct LettersText<'a>(&'a Letters);

impl Serialize for LettersText<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.text(&mut LettersBuffer::default(), Some(b'/')))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Cells<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CellsVisitor;
        impl<'de> Visitor<'de> for CellsVisitor {
            type Value = Cells<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object from role name to the cell's letters")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut cells = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(RoleName(role)) = map.next_key()? {
                    cells.push((role, map.next_value::<CellValue<'de>>()?));
                }
                Ok(Cells::Read(cells))
            }
        }
        deserializer.deserialize_map(CellsVisitor)
    }
}

/// A role name as a key, borrowed from the text (serde's own `Cow` always copies).
struct RoleName<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for RoleName<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match deserializer.deserialize_str(CellValueVisitor)? {
            CellValue::Text(name) => Ok(RoleName(name)),
            _ => Err(de::Error::custom("a role name must be text")),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for CellValue<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CellValueVisitor)
    }
}

struct CellValueVisitor;

impl<'de> Visitor<'de> for CellValueVisitor {
    type Value = CellValue<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a cell's letters")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(CellValue::Text(Cow::Borrowed(text)))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(CellValue::Text(Cow::Owned(text.to_owned())))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(CellValue::Text(Cow::Owned(text)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        // Read as a JSON object: `{"unrecognised": text}` and nothing else is a cell.
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value::<Value>()?;
            object.insert(key, value);
        }
        match object.get("unrecognised") {
            Some(Value::String(text)) => Ok(CellValue::Unrecognised(text.clone())),
            _ => Ok(CellValue::Other(Value::Object(object))),
        }
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(CellValue::Other(Value::from(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(CellValue::Other(Value::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(CellValue::Other(Value::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(CellValue::Other(Value::from(v)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(CellValue::Other(Value::Null))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Value>()? {
            items.push(item);
        }
        Ok(CellValue::Other(Value::Array(items)))
    }
}
