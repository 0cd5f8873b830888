//! How fast the engine is at workshop sizes: import, full rule check, and re-check after one edit.
//!
//! A benchmark, not a test: it prints a table and asserts nothing about time. Run it with
//! `cargo bench --bench engine`. The matrices are generated here with a fixed seed, so runs compare.

use std::hint::black_box;
use std::time::{Duration, Instant};

use raci_workshop::edit::{self, Edit};
use raci_workshop::grid::{FindingIndex, RowFilter, body_slots};
use raci_workshop::import::{self, ImportOptions};
use raci_workshop::model::{Baseline, Cell, Date, Letter, Matrix};
use raci_workshop::publish::LookupIndex;
use raci_workshop::review;
use raci_workshop::rules::{self, Change, Checker, RuleSettings};
use raci_workshop::workbook;
use raci_workshop::{document, library};

/// A small deterministic generator (SplitMix64): the bench needs no `rand`, and a fixed seed makes
/// every run measure the same matrices.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` in 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const TEAMS: [&str; 12] = [
    "Platform",
    "Security",
    "Network",
    "Finance",
    "Legal",
    "Service desk",
    "Data",
    "Architecture",
    "Compliance",
    "Product",
    "Delivery",
    "Vendor management",
];
const VERBS: [&str; 10] = [
    "Patch",
    "Review",
    "Approve",
    "Monitor",
    "Back up",
    "Rotate",
    "Audit",
    "Provision",
    "Document",
    "Decommission",
];
const OBJECTS: [&str; 10] = [
    "hosts",
    "access keys",
    "firewall rules",
    "budgets",
    "contracts",
    "backups",
    "dashboards",
    "landing zone",
    "incident runbooks",
    "DNS records",
];

/// A generated wide sheet: role names and, per activity, a name and one cell text per role.
struct Sheet {
    roles: Vec<String>,
    rows: Vec<(String, Vec<&'static str>)>,
}

/// About 30% of cells filled, the way workshop matrices look: usually one A, one or two R (often
/// the A doing it, "A/R"), a few C, the rest I. A small share of rows carries the problems the
/// rules exist for (no A, two A, no letters, too many C, "C/I" or "tbd" cells, repeated names),
/// the first role is overloaded and the last one is idle.
fn generate(activities: usize, roles: usize, seed: u64) -> Sheet {
    let mut rng = Rng(seed);
    let role_names: Vec<String> = (0..roles)
        .map(|i| match i / TEAMS.len() {
            0 => TEAMS[i].to_owned(),
            n => format!("{} {}", TEAMS[i % TEAMS.len()], n + 1),
        })
        .collect();
    let filled = (roles * 3).div_ceil(10).max(3);
    // The last role stays idle; the rest take part.
    let active = roles - 1;
    let mut rows: Vec<(String, Vec<&'static str>)> = Vec::with_capacity(activities);
    for a in 0..activities {
        let name = if a > 0 && rng.chance(1) {
            rows[rng.below(a)].0.clone()
        } else {
            format!(
                "{} {} {}",
                VERBS[rng.below(VERBS.len())],
                OBJECTS[rng.below(OBJECTS.len())],
                a + 1
            )
        };
        let mut cells = vec![""; roles];
        if rng.chance(1) {
            rows.push((name, cells));
            continue;
        }
        // The first role does a lot of the work: more than the 60% the overload rule allows.
        let doer = if rng.chance(70) {
            0
        } else {
            1 + rng.below(active - 1)
        };
        let mut others: Vec<&'static str> = Vec::new();
        if rng.chance(40) {
            cells[doer] = "A/R";
        } else {
            cells[doer] = "R";
            if !rng.chance(3) {
                others.push("A");
            }
        }
        if rng.chance(2) {
            others.push("A");
        }
        if rng.chance(40) {
            others.push("R");
        }
        let consulted = if rng.chance(5) { 4 } else { rng.below(3) + 1 };
        others.extend(std::iter::repeat_n("C", consulted));
        while others.len() + 1 < filled {
            others.push(match rng.below(200) {
                0 => "C/I",
                1 => "tbd",
                _ => "I",
            });
        }
        let mut free: Vec<usize> = (0..active).filter(|r| *r != doer).collect();
        for text in others {
            if free.is_empty() {
                break;
            }
            cells[free.swap_remove(rng.below(free.len()))] = text;
        }
        rows.push((name, cells));
    }
    Sheet {
        roles: role_names,
        rows,
    }
}

/// The sheet as a CSV file, as a spreadsheet would save it.
fn to_csv(sheet: &Sheet) -> String {
    let mut csv = String::from("Activity");
    for role in &sheet.roles {
        csv.push(',');
        csv.push_str(role);
    }
    csv.push_str("\r\n");
    for (name, cells) in &sheet.rows {
        csv.push_str(name);
        for cell in cells {
            csv.push(',');
            csv.push_str(cell);
        }
        csv.push_str("\r\n");
    }
    csv
}

/// The sheet built straight into a matrix, so that the rule timings do not depend on the importer
/// (which, for one, reads a row without letters as a section heading rather than an activity).
fn to_matrix(sheet: &Sheet) -> Matrix {
    let mut m = Matrix::new("Bench");
    for role in &sheet.roles {
        m.push_role(role);
    }
    for (i, (name, cells)) in sheet.rows.iter().enumerate() {
        m.push_activity(name, None);
        m.activities[i].cells = cells.iter().map(|text| cell(text)).collect();
    }
    m
}

fn cell(text: &str) -> Cell {
    let letters: Option<Vec<Letter>> = text
        .chars()
        .filter(|c| *c != '/')
        .map(Letter::from_char)
        .collect();
    match letters {
        Some(letters) => Cell::letters(letters.into_iter().collect()),
        None => Cell::unrecognised(text),
    }
}

/// The median of `runs` timings of `f`.
fn median_of(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    percentile(&mut times, 50)
}

fn percentile(times: &mut [Duration], percent: usize) -> Duration {
    times.sort_unstable();
    times[(times.len() - 1) * percent / 100]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    let settings = RuleSettings::default();
    println!(
        "Medians of several runs. \"findings\" and \"check\" use the generated matrix built directly; \
         \"imported\" is the size the importer read back (activities x roles); \
         \"recheck\" is one ToggleLetter edit plus a full check, over 200 edits.\n"
    );
    println!(
        "{:>26} | {:>8} | {:>9} | {:>12} | {:>10} | {:>12} | {:>12} | {:>14} | {:>11}",
        "matrix",
        "CSV",
        "findings",
        "import",
        "check",
        "import+check",
        "imported",
        "recheck median",
        "recheck p95"
    );
    for (activities, roles, runs) in [(100, 10, 51), (1_000, 50, 21), (10_000, 100, 7)] {
        let sheet = generate(activities, roles, 42);
        let csv = to_csv(&sheet);
        let bytes = csv.as_bytes();
        let mut matrix = to_matrix(&sheet);
        let cells = activities * roles;
        let filled = sheet
            .rows
            .iter()
            .flat_map(|(_, c)| c)
            .filter(|c| !c.is_empty())
            .count();

        let findings = rules::check(&matrix, &settings).len();
        let check = median_of(runs, || {
            black_box(rules::check(black_box(&matrix), &settings));
        });
        let (recheck, recheck_p95) = after_edits(&mut matrix, 200, |m, _| {
            black_box(rules::check(black_box(m), &settings));
        });

        let options = ImportOptions::default();
        let imported = match import::import(bytes, &options) {
            Ok(imported) => format!(
                "{}x{}",
                imported.matrix.activities.len(),
                imported.matrix.roles.len()
            ),
            Err(e) => format!("error: {e}"),
        };
        let import = median_of(runs, || {
            black_box(import::import(black_box(bytes), &options).ok());
        });
        let total = median_of(runs, || {
            if let Ok(imported) = import::import(black_box(bytes), &options) {
                black_box(rules::check(&imported.matrix, &settings));
            }
        });

        println!(
            "{:>26} | {:>8} | {:>9} | {:>12} | {:>10} | {:>12} | {:>12} | {:>14} | {:>11}",
            format!("{activities}x{roles} ({}% filled)", filled * 100 / cells),
            format!("{} KB", bytes.len() / 1024),
            findings,
            ms(import),
            ms(check),
            ms(total),
            imported,
            ms(recheck),
            ms(recheck_p95),
        );
    }

    incremental(&settings);
    edit_steps(&settings);
    xlsx(&settings);
    lookup();
    document_round_trip(&settings);
    library_save_and_open(&settings);
}

/// Times `after` (what the app does to its findings) following each of `edits` toggled letters;
/// each edit is undone, untimed, and `after` sees the undo too, so every edit starts from the
/// same matrix. Returns the median and 95th percentile.
fn after_edits(
    m: &mut Matrix,
    edits: usize,
    mut after: impl FnMut(&Matrix, &Change),
) -> (Duration, Duration) {
    let mut rng = Rng(7);
    let letters = [Letter::A, Letter::R, Letter::C, Letter::I];
    let mut times = Vec::with_capacity(edits);
    for _ in 0..edits {
        let edit = Edit::ToggleLetter {
            activity: m.activities[rng.below(m.activities.len())].id,
            role: m.roles[rng.below(m.roles.len())].id,
            letter: letters[rng.below(letters.len())],
        };
        let start = Instant::now();
        let change = Change::of(&edit);
        let undo = edit::apply(m, edit).expect("the edited cell exists");
        after(m, &change);
        times.push(start.elapsed());
        let change = Change::of(&undo);
        edit::apply(m, undo).expect("undo applies");
        after(m, &change);
    }
    let median = percentile(&mut times, 50);
    (median, percentile(&mut times, 95))
}

/// The findings the app shows after one edit, at the browser benchmark's large sizes: a full
/// `check_on` against the incremental checker (`Checker::update`, then `findings_on`, which
/// assembles every finding and applies the review record's rules).
fn incremental(settings: &RuleSettings) {
    let today = "2026-11-30".parse().expect("a date");
    println!(
        "\nThe app's findings after one ToggleLetter edit (200 edits; 100 at 20,000 rows):\n{:>12} | {:>8} | {:>22} | {:>22}",
        "matrix", "findings", "full check_on p50 / p95", "incremental p50 / p95"
    );
    for (activities, roles, edits) in [(1_000, 60, 200), (5_000, 100, 200), (20_000, 100, 100)] {
        let mut m = to_matrix(&generate(activities, roles, 42));
        let findings = rules::check_on(&m, settings, today).len();
        let full = after_edits(&mut m, edits, |m, _| {
            black_box(rules::check_on(black_box(m), settings, today));
        });
        let mut checker = Checker::new(&m, settings);
        let incremental = after_edits(&mut m, edits, |m, change| {
            checker.update(m, settings, change);
            black_box(checker.findings_on(m, today));
        });
        let pair = |(p50, p95): (Duration, Duration)| format!("{} / {}", ms(p50), ms(p95));
        println!(
            "{:>12} | {:>8} | {:>22} | {:>22}",
            format!("{activities}x{roles}"),
            findings,
            pair(full),
            pair(incremental)
        );
    }
}

/// The pure steps the page takes after one edit of a large matrix: the incremental check, the
/// same followed by the update of the index of findings the grid marks cells from (it follows
/// the checker's snapshots, so it is timed with them), the list of rows shown, and the changes
/// since the baseline (what the Changes tab counts).
fn edit_steps(settings: &RuleSettings) {
    let today = "2026-11-30".parse().expect("a date");
    println!(
        "\nThe page's pure work after one ToggleLetter edit, p50 / p95 (200 edits):\n{:>12} | {:>16} | {:>16} | {:>16} | {:>16}",
        "matrix", "check", "check + index", "rows shown", "baseline diff"
    );
    for (activities, roles) in [(1_000, 60), (5_000, 100)] {
        let mut m = to_matrix(&generate(activities, roles, 42));
        let baseline = m.clone();
        let mut checker = Checker::new(&m, settings);
        let mut findings = checker.findings_on(&m, today);
        let check = after_edits(&mut m, 200, |m, change| {
            checker.update(m, settings, change);
            findings = checker.findings_on(m, today);
        });
        // The index follows the findings edit by edit, as the page keeps it.
        let mut finding_index = FindingIndex::of(&findings);
        let index = after_edits(&mut m, 200, |m, change| {
            checker.update(m, settings, change);
            findings = checker.findings_on(m, today);
            finding_index.update(black_box(&findings));
        });
        let filter = RowFilter::default();
        let rows = after_edits(&mut m, 200, |m, _| {
            black_box(body_slots(m, &finding_index, &filter));
        });
        let diff = after_edits(&mut m, 200, |m, _| {
            black_box(review::diff(&baseline, m));
        });
        let pair = |(p50, p95): (Duration, Duration)| format!("{} / {}", ms(p50), ms(p95));
        println!(
            "{:>12} | {:>16} | {:>16} | {:>16} | {:>16}",
            format!("{activities}x{roles}"),
            pair(check),
            pair(index),
            pair(rows),
            pair(diff)
        );
    }
}

/// "Who owns...?" as a reader types: building the index (once per matrix) and one search per
/// keystroke, on the largest matrices people keep.
fn lookup() {
    println!(
        "\n\"Who owns...?\" (native):\n{:>12} | {:>12} | {:>26}",
        "matrix", "build index", "search per keystroke (p95)"
    );
    for (activities, roles) in [(1_000, 60), (5_000, 100)] {
        let matrix = to_matrix(&generate(activities, roles, 11));
        let index = LookupIndex::new(&matrix);
        let build = median_of(5, || {
            black_box(LookupIndex::new(black_box(&matrix)));
        });
        let mut times: Vec<Duration> = ["d", "de", "dep", "deploy", "deploy pay", "zz"]
            .iter()
            .flat_map(|q| {
                (0..5).map(|_| {
                    let start = Instant::now();
                    black_box(index.search(&matrix, black_box(q)));
                    start.elapsed()
                })
            })
            .collect();
        println!(
            "{:>12} | {:>12} | {:>26}",
            format!("{activities} x {roles}"),
            ms(build),
            ms(percentile(&mut times, 95))
        );
    }
}

/// Excel workbooks: write (what Export Excel does in the worker), read into sheets of text (the
/// worker's import half), and import that text (the page's half), at the sizes issue 8 names.
fn xlsx(settings: &RuleSettings) {
    println!(
        "\nExcel workbooks (native; the browser's wasm is slower, see the README):\n{:>12} | {:>8} | {:>10} | {:>10} | {:>12} | {:>10}",
        "matrix", "xlsx", "write", "read", "import sheet", "imported"
    );
    let today = "2026-11-30".parse().expect("a date");
    for (activities, roles, runs) in [(200, 30, 11), (5_000, 100, 3)] {
        let matrix = to_matrix(&generate(activities, roles, 7));
        let bytes = match workbook::write(&matrix, settings, today) {
            Ok(bytes) => bytes,
            Err(e) => {
                println!("{activities}x{roles}: {e}");
                continue;
            }
        };
        let write = median_of(runs, || {
            black_box(workbook::write(black_box(&matrix), settings, today).ok());
        });
        let read = median_of(runs, || {
            black_box(workbook::read(black_box(&bytes)).ok());
        });
        let Ok(book) = workbook::read(&bytes) else {
            println!("{activities}x{roles}: the workbook does not read back");
            continue;
        };
        let options = ImportOptions::default();
        let import = median_of(runs, || {
            black_box(import::import_workbook(black_box(&book), &options).ok());
        });
        let imported = match import::import_workbook(&book, &options) {
            Ok(i) => format!("{}x{}", i.matrix.activities.len(), i.matrix.roles.len()),
            Err(e) => format!("error: {e}"),
        };
        println!(
            "{:>12} | {:>8} | {:>10} | {:>10} | {:>12} | {:>10}",
            format!("{activities}x{roles}"),
            format!("{} KB", bytes.len() / 1024),
            ms(write),
            ms(read),
            ms(import),
            imported
        );
    }
}

/// The library's document of a matrix with its baseline (a full copy, as after an import): writing
/// it whole (leaving the matrix) and reading it back (opening it).
fn document_round_trip(settings: &RuleSettings) {
    println!(
        "\nThe stored document, with its baseline (native):\n{:>12} | {:>10} | {:>10} | {:>10}",
        "matrix", "size", "write", "read"
    );
    for (activities, roles) in [(1_000, 60), (5_000, 100)] {
        let mut matrix = to_matrix(&generate(activities, roles, 5));
        matrix.record.baseline = Some(Baseline {
            taken: Date::from_ymd(2026, 11, 30).expect("a date"),
            matrix: Box::new(matrix.clone()),
        });
        let text = document::to_compact_json(&matrix, settings);
        let write = median_of(5, || {
            black_box(document::to_compact_json(black_box(&matrix), settings));
        });
        let read = median_of(5, || {
            black_box(library::parse_document(black_box(&text)).ok());
        });
        println!(
            "{:>12} | {:>10} | {:>10} | {:>10}",
            format!("{activities} x {roles}"),
            format!("{} KB", text.len() / 1024),
            ms(write),
            ms(read)
        );
    }
}

/// A matrix written whole to the library and opened from it, as the page does after an import and
/// when a matrix is opened: the document and history text, the journal's base (a fingerprint of
/// both), and reading them back.
fn library_save_and_open(settings: &RuleSettings) {
    println!(
        "\nThe library, in memory (native):\n{:>12} | {:>10} | {:>10}",
        "matrix", "save whole", "open"
    );
    for (activities, roles) in [(1_000, 60), (5_000, 100), (20_000, 100)] {
        let matrix = to_matrix(&generate(activities, roles, 5));
        let history = raci_workshop::history::History::default();
        let mut store = library::MemoryStore::default();
        let mut index = library::load(&mut store, "2026-12-01T10:00:00.000Z").index;
        let id = index.current.clone();
        let mut save = || {
            library::save(
                &mut store,
                &mut index,
                &id,
                &matrix,
                settings,
                &history,
                "2026-12-01T10:00:00.000Z",
            )
            .expect("saved");
        };
        let saving = median_of(5, &mut save);
        let open = median_of(5, || {
            black_box(library::open(&mut store, &mut index, &id).expect("opened"));
        });
        println!(
            "{:>12} | {:>10} | {:>10}",
            format!("{activities} x {roles}"),
            ms(saving),
            ms(open)
        );
    }
}
