//! The instructor's commands: `classroom serve` and `classroom export`,
//! over the server crate.

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use rustdrill_classroom_server::db::Db;

use super::Outcome;
use crate::cli::ExportFormat;

pub fn serve(listen: &str, db: &Path, course: Option<&Path>, new_key: bool) -> Result<Outcome> {
    rustdrill_classroom_server::serve(&rustdrill_classroom_server::server::Options {
        listen,
        db,
        course,
        new_key,
    })?;
    Ok(Outcome::Done)
}

pub fn export(db: &Path, format: ExportFormat) -> Result<Outcome> {
    if !db.is_file() {
        anyhow::bail!("no classroom database at {}", db.display());
    }
    let rows = Db::open(db)?.export()?;
    let mut out = std::io::stdout().lock();
    match format {
        ExportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        ExportFormat::Csv => {
            out.write_all(rustdrill_classroom_server::db::to_csv(&rows).as_bytes())?
        }
    }
    out.flush()?;
    Ok(Outcome::Done)
}
