//! A small RFC 4180 CSV reader: quoted fields, doubled quotes, CRLF or LF, a leading UTF-8 BOM.
//!
//! Hand-written rather than a dependency because the inputs are a handful of known files and the
//! errors must name the file, line and field. Pure: takes the text, not a path.

use super::IngestError;

/// One data row, with the 1-based line number it starts on (the header is line 1).
#[derive(Debug, Clone)]
pub struct Row {
    pub line: usize,
    pub fields: Vec<String>,
}

/// A parsed file: header names and rows. Rows must have as many fields as the header.
#[derive(Debug, Clone)]
pub struct Table {
    pub file: String,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

impl Table {
    /// Index of a required column, compared case-insensitively.
    pub fn column(&self, name: &str) -> Result<usize, IngestError> {
        self.header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
            .ok_or_else(|| IngestError::new(&self.file, 1, name, format!("missing column '{name}' in the header")))
    }

    pub fn optional_column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h.trim().eq_ignore_ascii_case(name))
    }
}

pub fn parse(file: &str, text: &str) -> Result<Table, IngestError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records: Vec<Row> = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line = 1usize;
    let mut record_line = 1usize;
    let mut in_quotes = false;
    // True once the current field began with a quote and the quote closed: only a separator or
    // line end may follow.
    let mut after_quote = false;
    let mut chars = text.chars().peekable();
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    in_quotes = false;
                    after_quote = true;
                }
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                in_quotes = true;
                at_field_start = false;
            }
            ',' => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
                after_quote = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                fields.push(std::mem::take(&mut field));
                let done = std::mem::take(&mut fields);
                // Blank lines carry no record.
                if !(done.len() == 1 && done[0].is_empty()) {
                    records.push(Row { line: record_line, fields: done });
                }
                line += 1;
                record_line = line;
                at_field_start = true;
                after_quote = false;
            }
            _ if after_quote => {
                return Err(IngestError::new(file, line, &format!("field {}", fields.len() + 1), "text after a closing quote".into()));
            }
            '"' => {
                return Err(IngestError::new(file, line, &format!("field {}", fields.len() + 1), "stray quote inside an unquoted field".into()));
            }
            _ => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if in_quotes {
        return Err(IngestError::new(file, record_line, &format!("field {}", fields.len() + 1), "quoted field never closed: the file is truncated".into()));
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        records.push(Row { line: record_line, fields });
    }
    let mut it = records.into_iter();
    let header = it.next().ok_or_else(|| IngestError::new(file, 1, "header", "the file is empty".into()))?.fields;
    let rows: Vec<Row> = it.collect();
    for r in &rows {
        if r.fields.len() != header.len() {
            return Err(IngestError::new(
                file,
                r.line,
                "row",
                format!("has {} fields, the header has {} (a truncated or malformed row)", r.fields.len(), header.len()),
            ));
        }
    }
    Ok(Table { file: file.to_string(), header: header.into_iter().map(|h| h.trim().to_string()).collect(), rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_bom_and_crlf() {
        let t = parse("t.csv", "\u{feff}a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,,\"multi\nline\"\n3,z,w").unwrap();
        assert_eq!(t.header, vec!["a", "b", "c"]);
        assert_eq!(t.rows[0].fields, vec!["1", "x, y", "say \"hi\""]);
        assert_eq!(t.rows[1].fields, vec!["2", "", "multi\nline"]);
        assert_eq!(t.rows[2].line, 5);
        assert_eq!(t.rows[2].fields, vec!["3", "z", "w"]);
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("t.csv", "a,b\n1,2\n3\n").unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (3, "row"));
        let e = parse("t.csv", "a,b\n1,\"2\n").unwrap_err();
        assert!(e.message.contains("truncated"), "{e}");
        let e = parse("t.csv", "a,b\n1,\"2\"x\n").unwrap_err();
        assert_eq!(e.line, 2);
    }
}
