//! What each build read, and making cargo see every change of it.
//!
//! Cargo decides that a course crate is fresh by file times: a unit is
//! rebuilt only when one of the files its dep-info lists is newer than the
//! unit's last compile. A file put in place with an older time (`cp -p`,
//! `rsync -t`, an archive or a backup restored) is therefore not compiled
//! again, and the old binary's verdict would be shown for the new file.
//! Stable cargo has no content-based freshness (`-Z checksum-freshness` is
//! nightly-only), so rustdrill keeps, per course and target directory, a
//! record of every input of its last builds — the files listed by the
//! dep-info rustc and cargo write (`deps/NAME-HASH.d`, `debug/NAME.d`) —
//! with its content hash and its `stat` (size, mtime, ctime, inode).
//!
//! Before every build (`before_build`), a recorded input whose content
//! differs from what the record says, or whose mtime went back, and whose
//! mtime is not already newer than the end of the last recorded build, gets
//! its mtime set to now: cargo then rebuilds every unit that read it. The
//! content is never touched, only the time, and only when cargo would
//! otherwise miss the change (a file saved normally after a build is newer
//! than that build, so an editor never sees its file's time move). The
//! no-op case costs one `stat` per input: a file is hashed only when its
//! `stat` changed, or when it was written so recently that a later write
//! could share its timestamps. Units the record knows nothing about (a
//! target directory from before the record, or built by another tool) are
//! not trusted: their inputs get a new mtime unless already newer than the
//! unit's dep-info.
//!
//! After every build (`after_build`), the record learns the inputs of each
//! exercise built (its bin, its test harness, its package's library: the
//! union of their dep-info files) and the hash of each. A recorded input
//! whose content changed while the build ran is marked unknown: whatever
//! the build read, it is made stale again before the next build, and a
//! verdict computed from it is not cached. The verdict cache (`cache`)
//! keys each exercise on exactly these inputs.
//!
//! Only files inside the course are recorded; files a build reads outside
//! it (the toolchain's, dependencies' sources, an absolute `include_str!`
//! elsewhere) are neither touched nor part of the key, nor are files the
//! build writes into the target directory, nor a file whose name is not
//! UTF-8.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

/// Bump when the record's meaning changes: an older record is then ignored
/// (and the outputs it vouched for distrusted).
const RECORD_VERSION: u32 = 1;

/// A file written this recently may be written again with the same
/// timestamps (coarse file-system clocks), so its `stat` cannot vouch for
/// its content: it is hashed again next time.
const RACY: Duration = Duration::from_secs(2);

/// A file's content hash, as the verdict cache uses it too. A missing file,
/// or one that is not a regular file, hashes differently from every file.
pub fn content_hash(path: &Path) -> blake3::Hash {
    // Never read what is not a regular file: a FIFO would block.
    if !fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return blake3::hash(b"missing");
    }
    match fs::read(path) {
        Ok(bytes) => {
            let mut h = blake3::Hasher::new();
            h.update(b"file:");
            h.update(&bytes);
            h.finalize()
        }
        Err(_) => blake3::hash(b"missing"),
    }
}

/// What `stat` says of a file: any write changes it (ctime cannot be set
/// back), and a replacement changes the inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stat {
    len: u64,
    mtime_ns: i128,
    ctime_ns: i128,
    ino: u64,
}

impl Stat {
    fn of(path: &Path) -> Option<Stat> {
        let meta = fs::metadata(path).ok().filter(|m| m.is_file())?;
        Some(Stat::from_metadata(&meta))
    }

    #[cfg(unix)]
    fn from_metadata(meta: &fs::Metadata) -> Stat {
        use std::os::unix::fs::MetadataExt;
        let ns = |secs: i64, nanos: i64| i128::from(secs) * 1_000_000_000 + i128::from(nanos);
        Stat {
            len: meta.len(),
            mtime_ns: ns(meta.mtime(), meta.mtime_nsec()),
            ctime_ns: ns(meta.ctime(), meta.ctime_nsec()),
            ino: meta.ino(),
        }
    }

    #[cfg(not(unix))]
    fn from_metadata(meta: &fs::Metadata) -> Stat {
        let mtime = meta.modified().map(nanos).unwrap_or(0);
        Stat {
            len: meta.len(),
            mtime_ns: mtime,
            ctime_ns: mtime,
            ino: 0,
        }
    }
}

fn nanos(t: SystemTime) -> i128 {
    match t.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

/// One recorded input.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// Hex BLAKE3 of the content (`content_hash`); `None` when it changed
    /// while a build read it, so what the build saw is unknown.
    hash: Option<String>,
    stat: Stat,
    /// `stat` vouches for `hash` (the file was not written just before it
    /// was hashed).
    trusted: bool,
}

/// The inputs of one exercise's units.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct BinInputs {
    /// Every file its units' dep-info lists, inside the course, sorted.
    pub files: Vec<PathBuf>,
    /// Environment variables the compiler read (`env!`), sorted.
    pub env: Vec<String>,
    /// Folders whose every file counts (a build script's
    /// `rerun-if-changed` folder, or its whole package when it names
    /// none): their files are in `files`; a file added to one changes its
    /// listing, which the verdict cache's key covers.
    #[serde(default)]
    pub dirs: Vec<PathBuf>,
}

/// The record of one course in one target directory.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Record {
    version: u32,
    /// When the last recorded build ended (ns since the epoch): every unit
    /// rustdrill's builds compiled started before it.
    built_until_ns: i128,
    files: BTreeMap<PathBuf, Entry>,
    bins: BTreeMap<String, BinInputs>,
}

impl Record {
    /// The inputs of exercise `bin` at its last build, if one was recorded.
    pub fn inputs(&self, bin: &str) -> Option<&BinInputs> {
        self.bins.get(bin)
    }

    /// The content hash of `path` if its `stat` vouches for the recorded
    /// one (no need to read it).
    pub fn known_hash(&self, path: &Path) -> Option<blake3::Hash> {
        let entry = self.files.get(path)?;
        let hash = entry.hash.as_deref()?;
        (entry.trusted && Stat::of(path) == Some(entry.stat))
            .then(|| blake3::Hash::from_hex(hash).ok())
            .flatten()
    }

    /// The input changed while a build read it: its verdict is not cached.
    pub fn unknown(&self, path: &Path) -> bool {
        self.files.get(path).is_some_and(|e| e.hash.is_none())
    }
}

/// The record's files for one course in one target directory.
#[derive(Debug, Clone)]
pub struct Tracker {
    /// The course root: only files under it are recorded or touched.
    root: PathBuf,
    /// Where cargo runs: relative paths in rustc's dep-info start here.
    cargo_dir: PathBuf,
    target_dir: PathBuf,
}

/// What a build told about one exercise's units.
#[derive(Debug, Clone, Copy, Default)]
pub struct Built {
    /// rustc wrote dep-info for one of the exercise's own units during the
    /// build: the compile got past parsing and macro expansion, so the
    /// files it read are all listed.
    pub depinfo_written: bool,
}

impl Tracker {
    pub fn new(root: &Path, cargo_dir: &Path, target_dir: &Path) -> Tracker {
        Tracker {
            root: root.to_path_buf(),
            cargo_dir: cargo_dir.to_path_buf(),
            target_dir: target_dir.to_path_buf(),
        }
    }

    /// `target/rustdrill/inputs-HASH.json`: one per course folder, since
    /// `dev check` builds a copy of a course in the original's target dir.
    fn record_path(&self, ext: &str) -> PathBuf {
        let id = blake3::hash(self.cargo_dir.as_os_str().as_encoded_bytes()).to_hex();
        self.target_dir
            .join("rustdrill")
            .join(format!("inputs-{}.{ext}", &id[..16]))
    }

    /// The record as last written; `None` if there is none (or one of
    /// another version, or damaged: then nothing in target/ is vouched for).
    pub fn load(&self) -> Option<Record> {
        let bytes = fs::read(self.record_path("json")).ok()?;
        serde_json::from_slice::<Record>(&bytes)
            .ok()
            .filter(|r| r.version == RECORD_VERSION)
    }

    fn save(&self, record: &Record) -> io::Result<()> {
        let path = self.record_path("json");
        let dir = path.parent().unwrap_or(&self.target_dir);
        fs::create_dir_all(dir)?;
        let bytes = serde_json::to_vec(record).map_err(io::Error::other)?;
        // Atomic, so a reader never sees half of it; not synced: a record
        // lost in a crash only means one rebuild.
        let mut tmp = tempfile::Builder::new()
            .prefix(".inputs-")
            .tempfile_in(dir)?;
        tmp.write_all(&bytes)?;
        tmp.persist(&path).map_err(|e| e.error)?;
        Ok(())
    }

    /// Held while the record is read, changed and written, so two
    /// rustdrill processes building one course never lose each other's
    /// entries. Not held while cargo runs (cargo locks its build itself).
    fn lock(&self) -> io::Result<fs::File> {
        let path = self.record_path("lock");
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let file = fs::File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        file.lock()?;
        Ok(file)
    }

    /// Recorded: inside the course, not a build output, and a name the
    /// record (JSON) can hold.
    fn in_course(&self, path: &Path) -> bool {
        path.starts_with(&self.root)
            && !path.starts_with(&self.target_dir)
            && path.to_str().is_some()
    }

    /// Makes cargo see every input of `bins` (and every recorded input)
    /// whose content changed since the last build as newer than that build.
    pub fn before_build(&self, bins: &[&str]) -> io::Result<()> {
        if !self.target_dir.is_dir() {
            // Nothing built yet: no output to distrust.
            return Ok(());
        }
        let _lock = self.lock()?;
        let now = SystemTime::now();
        let (mut record, fresh_record) = match self.load() {
            Some(record) => (record, false),
            None => (
                Record {
                    version: RECORD_VERSION,
                    ..Record::default()
                },
                true,
            ),
        };
        let mut changed = false;

        // Units the record does not vouch for: every course file their
        // dep-info lists is made newer than that dep-info, unless it is
        // already, so cargo compiles them again.
        let unknown_bins: Vec<&str> = bins
            .iter()
            .copied()
            .filter(|b| !record.bins.contains_key(*b))
            .collect();
        let unvouched: Vec<PathBuf> = if fresh_record {
            DepsDir::read(&self.target_dir.join("debug")).all()
        } else if unknown_bins.is_empty() {
            // The usual case: no need to list `deps/`.
            Vec::new()
        } else {
            let deps = DepsDir::read(&self.target_dir.join("debug"));
            unknown_bins.iter().flat_map(|b| deps.of_bin(b)).collect()
        };
        // Each file against the newest dep-info listing it (each unit has
        // its own, written when it was compiled).
        let mut newest_listing: BTreeMap<PathBuf, SystemTime> = BTreeMap::new();
        for depfile in unvouched {
            let Some(depinfo_mtime) = fs::metadata(&depfile).and_then(|m| m.modified()).ok() else {
                continue;
            };
            let Some(listed) = parse_depinfo(&depfile, &self.cargo_dir) else {
                continue;
            };
            for path in listed.files {
                if self.in_course(&path) && !record.files.contains_key(&path) {
                    let newest = newest_listing.entry(path).or_insert(depinfo_mtime);
                    *newest = (*newest).max(depinfo_mtime);
                }
            }
        }
        for (path, listing_mtime) in newest_listing {
            let Some(stat) = Stat::of(&path) else {
                continue;
            };
            if stat.mtime_ns <= nanos(listing_mtime) {
                touch(&path, now);
            }
            record.files.insert(path.clone(), entry_now(&path, now));
            changed = true;
        }

        // A file new in a folder the build scans counts from now on: it is
        // made newer than the last build unless it is already.
        let dirs: BTreeSet<PathBuf> = record
            .bins
            .values()
            .flat_map(|b| b.dirs.iter().cloned())
            .collect();
        for dir in dirs {
            for path in files_under(&dir, &self.target_dir) {
                if record.files.contains_key(&path) {
                    continue;
                }
                if Stat::of(&path).is_some_and(|s| s.mtime_ns <= record.built_until_ns) {
                    touch(&path, now);
                }
                record.files.insert(path.clone(), entry_now(&path, now));
                changed = true;
            }
        }

        // Recorded inputs: stat first, hash only when the stat changed.
        for (path, entry) in record.files.iter_mut() {
            let Some(stat) = Stat::of(path) else {
                // Gone: cargo rebuilds whatever listed it.
                continue;
            };
            if entry.trusted && entry.hash.is_some() && stat == entry.stat {
                continue;
            }
            let hash = content_hash(path).to_hex().to_string();
            let content_changed = entry.hash.as_deref() != Some(hash.as_str());
            let went_back = stat.mtime_ns < entry.stat.mtime_ns;
            if (content_changed || went_back) && stat.mtime_ns <= record.built_until_ns {
                touch(path, now);
            }
            *entry = entry_now(path, now);
            changed = true;
        }
        if changed {
            self.save(&record)?;
        }
        Ok(())
    }

    /// Records the inputs of `bins` (exercise name, and the library crate
    /// of its package) as the build that started at `started` left them.
    /// `profile_dir` is where cargo put the build's executables
    /// (`target/debug`).
    pub fn after_build(
        &self,
        bins: &[(&str, Option<&str>)],
        profile_dir: &Path,
        started: SystemTime,
    ) -> io::Result<HashMap<String, Built>> {
        let mut built = HashMap::new();
        if !self.target_dir.is_dir() {
            return Ok(built);
        }
        let _lock = self.lock()?;
        let mut record = self.load().unwrap_or(Record {
            version: RECORD_VERSION,
            ..Record::default()
        });
        let deps = DepsDir::read(profile_dir);
        let started_ns = nanos(started);
        for &(bin, lib) in bins {
            let own = deps.of_bin(bin);
            let depinfo_written = own
                .iter()
                .filter(|d| d.parent() == Some(&deps.deps))
                .any(|d| {
                    fs::metadata(d)
                        .and_then(|m| m.modified())
                        .is_ok_and(|t| nanos(t) >= started_ns)
                });
            built.insert(bin.to_owned(), Built { depinfo_written });
            let mut files = BTreeSet::new();
            let mut env = BTreeSet::new();
            let mut dirs = BTreeSet::new();
            for depfile in own
                .iter()
                .chain(lib.map(|l| deps.of_lib(l)).iter().flatten())
            {
                if let Some(listed) = parse_depinfo(depfile, &self.cargo_dir) {
                    for path in listed.files.into_iter().filter(|p| self.in_course(p)) {
                        if path.is_dir() {
                            // A build script's `rerun-if-changed` folder.
                            dirs.insert(path);
                        } else {
                            if let Some(package) = build_script_package(&path) {
                                // A build script may read any file of its
                                // package (cargo reruns it when any changes,
                                // unless it names what it reads: then those
                                // are listed too, and this is a superset).
                                dirs.insert(package);
                            }
                            files.insert(path);
                        }
                    }
                    env.extend(listed.env);
                }
            }
            for dir in &dirs {
                files.extend(files_under(dir, &self.target_dir));
            }
            if files.is_empty() {
                // Never built: nothing known, nothing to vouch for.
                record.bins.remove(bin);
                continue;
            }
            for path in &files {
                let Some(stat) = Stat::of(path) else {
                    continue;
                };
                let now = SystemTime::now();
                match record.files.get_mut(path) {
                    Some(entry) if entry.trusted && entry.hash.is_some() && entry.stat == stat => {}
                    Some(entry) => {
                        // Changed since the check before the build: the
                        // build may have read either version.
                        let hash = content_hash(path).to_hex().to_string();
                        let same = entry.hash.as_deref() == Some(hash.as_str())
                            && stat.mtime_ns >= entry.stat.mtime_ns;
                        *entry = Entry {
                            hash: same.then_some(hash),
                            stat,
                            trusted: same && is_settled(&stat, now),
                        };
                    }
                    None => {
                        // First seen: what the build read, unless it was
                        // written while the build ran.
                        let mut entry = entry_now(path, now);
                        if entry.stat.ctime_ns >= started_ns {
                            entry.hash = None;
                        }
                        record.files.insert(path.clone(), entry);
                    }
                }
            }
            record.bins.insert(
                bin.to_owned(),
                BinInputs {
                    files: files.into_iter().collect(),
                    env: env.into_iter().collect(),
                    dirs: dirs.into_iter().collect(),
                },
            );
        }
        // Forget files no exercise reads any more.
        let used: BTreeSet<&PathBuf> = record.bins.values().flat_map(|b| &b.files).collect();
        let unused: Vec<PathBuf> = record
            .files
            .keys()
            .filter(|p| !used.contains(p))
            .cloned()
            .collect();
        for path in unused {
            record.files.remove(&path);
        }
        record.built_until_ns = record.built_until_ns.max(nanos(SystemTime::now()));
        record.version = RECORD_VERSION;
        self.save(&record)?;
        Ok(built)
    }
}

/// The package folder of `path` if it is its package's build script
/// (`build.rs` beside a `Cargo.toml`; a build script by another name is
/// not recognised).
fn build_script_package(path: &Path) -> Option<PathBuf> {
    let dir = path.parent()?;
    (path.file_name()? == "build.rs" && dir.join("Cargo.toml").is_file()).then(|| dir.to_path_buf())
}

/// Most files a scanned folder may hold: more is not a course's folder.
const MAX_FILES_UNDER: usize = 10_000;

/// Every regular file under `dir` (symbolic links to folders not followed,
/// `skip` left out), sorted.
pub fn files_under(dir: &Path, skip: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(dir) = todo.pop() {
        if dir.starts_with(skip) || files.len() >= MAX_FILES_UNDER {
            continue;
        }
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => todo.push(path),
                Ok(_) if path.is_file() => files.push(path),
                _ => {}
            }
        }
    }
    files.sort();
    files
}

/// The entry of `path` as it is now.
fn entry_now(path: &Path, now: SystemTime) -> Entry {
    let stat = Stat::of(path);
    let hash = content_hash(path).to_hex().to_string();
    // Read again after hashing: a write in between makes it untrusted.
    let after = Stat::of(path);
    match (stat, after) {
        (Some(stat), Some(after)) if stat == after => Entry {
            hash: Some(hash),
            stat,
            trusted: is_settled(&stat, now),
        },
        (_, after) => Entry {
            hash: None,
            stat: after.unwrap_or(Stat {
                len: 0,
                mtime_ns: 0,
                ctime_ns: 0,
                ino: 0,
            }),
            trusted: false,
        },
    }
}

/// Was the file last changed long enough before `now` that a later write
/// gets other timestamps?
fn is_settled(stat: &Stat, now: SystemTime) -> bool {
    stat.ctime_ns.max(stat.mtime_ns) < nanos(now) - RACY.as_nanos() as i128
}

/// Sets the file's mtime to `now` (its content and every other attribute
/// stay): cargo then sees it as newer than every unit built from it.
/// Best effort: a file that cannot be touched (not the learner's) keeps its
/// time.
fn touch(path: &Path, now: SystemTime) {
    if let Ok(file) = fs::File::open(path) {
        let _ = file.set_modified(now);
    }
}

/// The dep-info files of one profile folder (`target/debug`).
struct DepsDir {
    profile: PathBuf,
    deps: PathBuf,
    /// File names in `deps/` ending in `.d`.
    names: Vec<String>,
}

impl DepsDir {
    fn read(profile: &Path) -> DepsDir {
        let deps = profile.join("deps");
        let names = fs::read_dir(&deps)
            .map(|entries| {
                entries
                    .flatten()
                    .filter_map(|e| e.file_name().into_string().ok())
                    .filter(|n| n.ends_with(".d"))
                    .collect()
            })
            .unwrap_or_default();
        DepsDir {
            profile: profile.to_path_buf(),
            deps,
            names,
        }
    }

    /// Every dep-info file of the profile.
    fn all(&self) -> Vec<PathBuf> {
        let mut all: Vec<PathBuf> = self.names.iter().map(|n| self.deps.join(n)).collect();
        if let Ok(entries) = fs::read_dir(&self.profile) {
            all.extend(
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "d")),
            );
        }
        all
    }

    /// The dep-info of a bin's units: cargo's `debug/NAME.d` (which also
    /// lists its package's library and build script inputs) and rustc's
    /// `deps/NAME-HASH.d` of each unit (the bin, its test harness, a build
    /// without lints). Old units' files are included: a superset is safe.
    fn of_bin(&self, bin: &str) -> Vec<PathBuf> {
        let mut files = vec![self.profile.join(format!("{bin}.d"))];
        files.extend(self.of_crate(bin));
        files
    }

    /// rustc's dep-info of a library crate's units.
    fn of_lib(&self, lib: &str) -> Vec<PathBuf> {
        self.of_crate(lib)
    }

    fn of_crate(&self, name: &str) -> Vec<PathBuf> {
        let prefix = format!("{name}-");
        self.names
            .iter()
            .filter(|n| {
                n.strip_prefix(&prefix)
                    .and_then(|rest| rest.strip_suffix(".d"))
                    // A hash, not another crate whose name starts alike.
                    .is_some_and(|hash| hash.chars().all(|c| c.is_ascii_hexdigit()))
            })
            .map(|n| self.deps.join(n))
            .collect()
    }
}

/// What one dep-info file lists.
#[derive(Debug, Default, PartialEq, Eq)]
struct Listed {
    files: Vec<PathBuf>,
    env: Vec<String>,
}

/// Reads a Makefile-style dep-info file: `TARGET: DEP DEP…` (spaces in
/// names escaped `\ `), then `# env-dep:NAME[=VALUE]` lines. Relative paths
/// (rustc writes them for workspace members) start at `cargo_dir`.
fn parse_depinfo(path: &Path, cargo_dir: &Path) -> Option<Listed> {
    let text = fs::read_to_string(path).ok()?;
    Some(parse_depinfo_text(&text, cargo_dir))
}

fn parse_depinfo_text(text: &str, cargo_dir: &Path) -> Listed {
    let mut listed = Listed::default();
    let mut seen = BTreeSet::new();
    for line in text.lines() {
        if let Some(var) = line.strip_prefix("# env-dep:") {
            let name = var.split('=').next().unwrap_or(var);
            listed.env.push(name.to_owned());
            continue;
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        // Every rule lists the same inputs: the first is enough, but each
        // later rule (`DEP:`) names one of them too, so read them all.
        let Some(deps) = split_rule(line) else {
            continue;
        };
        for dep in deps {
            let path = cargo_dir.join(&dep);
            if seen.insert(path.clone()) {
                listed.files.push(path);
            }
        }
    }
    listed
}

/// The dependencies of one `TARGET: DEP DEP…` line, unescaped.
fn split_rule(line: &str) -> Option<Vec<String>> {
    // The target ends at the first unescaped `: `.
    let mut chars = line.char_indices().peekable();
    let mut rest = None;
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            ':' if line[i + 1..].starts_with(' ') || i + 1 == line.len() => {
                rest = Some(&line[i + 1..]);
                break;
            }
            _ => {}
        }
    }
    let rest = rest?;
    let mut deps = Vec::new();
    let mut current = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            ' ' => {
                if !current.is_empty() {
                    deps.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        deps.push(current);
    }
    Some(deps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rustc_and_cargo_dep_info() {
        let text = "/t/debug/deps/ex-0a1b.d: 01_ch/ex.rs 01_ch/my\\ data.txt Cargo.toml\n\n\
                    /t/debug/deps/ex-0a1b: 01_ch/ex.rs 01_ch/my\\ data.txt Cargo.toml\n\n\
                    01_ch/ex.rs:\n01_ch/my\\ data.txt:\nCargo.toml:\n\n\
                    # env-dep:CLIPPY_ARGS\n# env-dep:GREETING=hi\n";
        let listed = parse_depinfo_text(text, Path::new("/c/exercises"));
        assert_eq!(
            listed.files,
            [
                PathBuf::from("/c/exercises/01_ch/ex.rs"),
                PathBuf::from("/c/exercises/01_ch/my data.txt"),
                PathBuf::from("/c/exercises/Cargo.toml"),
            ]
        );
        assert_eq!(listed.env, ["CLIPPY_ARGS", "GREETING"]);
        // cargo's own file: absolute paths, one rule.
        let listed = parse_depinfo_text(
            "/t/debug/ex: /c/exercises/01_ch/ex.rs /c/exercises/01_ch/support.rs\n",
            Path::new("/elsewhere"),
        );
        assert_eq!(listed.files.len(), 2);
        assert_eq!(listed.files[1], Path::new("/c/exercises/01_ch/support.rs"));
    }

    #[test]
    fn only_hashes_name_a_crates_units() {
        let dir = tempfile::tempdir().unwrap();
        let deps = dir.path().join("deps");
        fs::create_dir_all(&deps).unwrap();
        for name in ["ex-0a1b2c.d", "ex_two-0a1b2c.d", "ex-0a1b2c", "ex-ff00.d"] {
            fs::write(deps.join(name), "").unwrap();
        }
        let d = DepsDir::read(dir.path());
        let mut of_ex = d.of_crate("ex");
        of_ex.sort();
        assert_eq!(of_ex, [deps.join("ex-0a1b2c.d"), deps.join("ex-ff00.d")]);
    }

    #[test]
    fn a_changed_file_with_an_old_time_is_made_newer_than_the_last_build() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let target = root.join("target");
        let deps = target.join("debug/deps");
        fs::create_dir_all(&deps).unwrap();
        let src = root.join("ex.rs");
        fs::write(&src, "fn main() {}\n").unwrap();
        let long_ago = SystemTime::UNIX_EPOCH + Duration::from_secs(1_577_836_800);
        fs::File::open(&src)
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
        fs::write(deps.join("ex-0a.d"), "/t/ex-0a.d: ex.rs\n").unwrap();
        let tracker = Tracker::new(root, root, &target);
        let started = SystemTime::now();
        tracker
            .after_build(&[("ex", None)], &target.join("debug"), started)
            .unwrap();
        let record = tracker.load().expect("a record");
        assert_eq!(
            record.inputs("ex").unwrap().files,
            std::slice::from_ref(&src)
        );

        // The same content, nothing to do; another content with an old time
        // gets a new time, and keeps its content.
        tracker.before_build(&["ex"]).unwrap();
        assert_eq!(fs::metadata(&src).unwrap().modified().unwrap(), long_ago);
        fs::write(&src, "fn main() { broken }\n").unwrap();
        fs::File::open(&src)
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
        tracker.before_build(&["ex"]).unwrap();
        assert!(fs::metadata(&src).unwrap().modified().unwrap() > started);
        assert_eq!(fs::read_to_string(&src).unwrap(), "fn main() { broken }\n");
    }
}
