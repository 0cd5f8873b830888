//! Importing the realistic files in tests/fixtures: the matrix each must give, the report, and the
//! findings the rules raise on it; plus bad input that must fail in plain words and never panic.

use std::collections::BTreeSet;
use std::path::Path;

use proptest::prelude::*;
use raci_workshop::document;
use raci_workshop::import::{
    Format, ImportOptions, Imported, Layout, MAX_FILE_BYTES, NoteKind, import,
};
use raci_workshop::model::{Matrix, Scheme};
use raci_workshop::rules::{RuleSettings, check};

fn fixture_bytes(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Imports a fixture the way the UI does: with its file name.
fn load(name: &str) -> Imported {
    let options = ImportOptions {
        file_name: Some(name.to_owned()),
        ..ImportOptions::default()
    };
    import(&fixture_bytes(name), &options).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn roles(m: &Matrix) -> Vec<&str> {
    m.roles.iter().map(|r| r.name.as_str()).collect()
}

fn activities(m: &Matrix) -> Vec<&str> {
    m.activities.iter().map(|a| a.name.as_str()).collect()
}

fn groups(m: &Matrix) -> Vec<&str> {
    m.groups.iter().map(|g| g.name.as_str()).collect()
}

/// The cell of the first activity and role with these names, as export prints it.
fn cell(m: &Matrix, activity: &str, role: &str) -> String {
    let a = m
        .activities
        .iter()
        .find(|a| a.name == activity)
        .unwrap_or_else(|| panic!("no activity {activity:?}"));
    let r = m
        .roles
        .iter()
        .position(|r| r.name == role)
        .unwrap_or_else(|| panic!("no role {role:?}"));
    a.cells[r].to_string()
}

fn group_of<'m>(m: &'m Matrix, activity: &str) -> &'m str {
    m.activities
        .iter()
        .find(|a| a.name == activity)
        .map_or("", |a| m.group_name_of(a))
}

/// Findings as (rule id, activity name, role name), for comparing with what the room would see.
fn findings(m: &Matrix) -> BTreeSet<(String, String, String)> {
    check(m, &RuleSettings::default())
        .into_iter()
        .map(|f| {
            let activity = f
                .activity
                .and_then(|id| m.activity(id))
                .map_or(String::new(), |a| a.name.clone());
            let role = f
                .role
                .and_then(|id| m.role(id))
                .map_or(String::new(), |r| r.name.clone());
            (f.rule.as_str().to_owned(), activity, role)
        })
        .collect()
}

fn finding(rule: &str, activity: &str, role: &str) -> (String, String, String) {
    (rule.to_owned(), activity.to_owned(), role.to_owned())
}

/// True when the report has a note of `kind` at that place whose text contains `text`.
fn has_note(
    imported: &Imported,
    kind: NoteKind,
    row: Option<usize>,
    column: Option<usize>,
    text: &str,
) -> bool {
    imported
        .report
        .notes
        .iter()
        .any(|n| n.kind == kind && n.row == row && n.column == column && n.message.contains(text))
}

fn notes_text(imported: &Imported) -> String {
    imported
        .report
        .notes
        .iter()
        .map(|n| format!("{:?}: {n}\n", n.kind))
        .collect()
}

#[test]
fn excel_semicolon_csv_with_bom_and_crlf() {
    let imported = load("Landing zone RACI-2024-03-15.csv");
    let m = &imported.matrix;
    let report = &imported.report;
    assert_eq!(report.format, Format::Delimited);
    assert_eq!(report.delimiter, Some(b';'));
    assert_eq!(report.encoding, "UTF-8 with BOM");
    assert_eq!(report.layout, Some(Layout::Wide));
    assert_eq!(m.title, "Landing zone RACI");
    assert_eq!(m.scheme, Scheme::Raci);
    assert_eq!(
        roles(m),
        [
            "Platform team",
            "Security",
            "Networking",
            "FinOps",
            "App team",
            "CCoE",
            "Compliance"
        ]
    );
    assert_eq!(m.activities.len(), 7);
    assert!(m.groups.is_empty());
    let identity = &m.activities[1];
    assert_eq!(identity.name, "Set up identity federation");
    assert_eq!(identity.description, "SSO with the corporate IdP");
    // A quoted cell holding the delimiter and doubled quotes.
    assert_eq!(identity.notes, "Uses \"Entra ID\"; see runbook");
    assert_eq!(
        m.activities[0].description,
        "OUs, accounts and guardrails for the landing zone"
    );
    assert_eq!(cell(m, "Define account structure", "Platform team"), "A/R");
    assert_eq!(cell(m, "Tag policy", "CCoE"), "A");
    assert_eq!(cell(m, "Decommission legacy VPN", "Security"), "");
    let headers: Vec<&str> = m.columns.info.iter().map(|c| c.header()).collect();
    assert_eq!(headers, ["Activity", "Description", "Notes"]);
    assert_eq!(m.columns.roles_at, 2);
    assert!(
        has_note(
            &imported,
            NoteKind::Guessed,
            None,
            None,
            "Scheme RACI chosen"
        ),
        "{}",
        notes_text(&imported)
    );

    let found = findings(m);
    for expected in [
        finding("multiple-accountable", "Tag policy", ""),
        finding("missing-accountable", "Patch base images", ""),
        finding("unassigned-activity", "Decommission legacy VPN", ""),
        finding("role-without-ownership", "", "Compliance"),
    ] {
        assert!(found.contains(&expected), "{expected:?} not in {found:#?}");
    }
    assert!(
        !found.iter().any(|f| f.1 == "Define account structure"),
        "{found:#?}"
    );
}

#[test]
fn long_layout_one_row_per_assignment() {
    let imported = load("assignments-long.csv");
    let m = &imported.matrix;
    assert_eq!(imported.report.layout, Some(Layout::Long));
    assert_eq!(imported.report.delimiter, Some(b','));
    assert_eq!(m.title, "assignments-long");
    assert_eq!(
        roles(m),
        [
            "Security",
            "Platform team",
            "CCoE",
            "FinOps",
            "App team",
            "Networking",
            "Compliance",
            "Service desk"
        ]
    );
    assert_eq!(groups(m), ["Operate", "Govern"]);
    assert_eq!(
        activities(m),
        [
            "Rotate root credentials",
            "Review cost anomalies",
            "Incident response",
            "Approve new services",
            "Publish the RACI on the wiki"
        ]
    );
    assert_eq!(group_of(m, "Approve new services"), "Govern");
    assert_eq!(cell(m, "Rotate root credentials", "Security"), "A");
    assert_eq!(cell(m, "Approve new services", "CCoE"), "A/R");
    assert_eq!(cell(m, "Approve new services", "Compliance"), "C");
    let rotate = &m.activities[0];
    assert_eq!(rotate.fields.get("ID").map(String::as_str), Some("OPS-01"));
    assert_eq!(rotate.notes, "quarterly");
    assert_eq!(m.activities[4].notes, "nobody picked this up yet");
    assert!(m.field_names().eq(["ID"]));
    assert!(has_note(
        &imported,
        NoteKind::Normalised,
        Some(13),
        Some(5),
        "\"c\" read as C"
    ));

    let found = findings(m);
    for expected in [
        finding("multiple-accountable", "Incident response", ""),
        finding("missing-accountable", "Review cost anomalies", ""),
        finding("unassigned-activity", "Publish the RACI on the wiki", ""),
        finding("idle-role", "", "Service desk"),
        finding("role-without-ownership", "", "Networking"),
        finding("role-without-ownership", "", "Compliance"),
    ] {
        assert!(found.contains(&expected), "{expected:?} not in {found:#?}");
    }
}

#[test]
fn windows_1252_csv_keeps_accented_names() {
    let bytes = fixture_bytes("exploitation-cloud.csv");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture must not be UTF-8"
    );
    let imported = load("exploitation-cloud.csv");
    let m = &imported.matrix;
    assert_eq!(imported.report.encoding, "windows-1252");
    assert_eq!(
        roles(m),
        [
            "Équipe plateforme",
            "Sécurité",
            "Réseau",
            "Contrôle de gestion",
            "Überwachung"
        ]
    );
    assert_eq!(m.columns.info[0].header(), "Tâche");
    assert_eq!(cell(m, "Überwachung der Logs", "Überwachung"), "R");
    assert_eq!(m.activities[2].notes, "Budget > 10 000 €");
    assert!(has_note(
        &imported,
        NoteKind::Guessed,
        Some(1),
        None,
        "read it as Windows-1252"
    ));
    // "Tâche" is no English synonym: the activity column is guessed, and the guess reported.
    assert!(has_note(
        &imported,
        NoteKind::Guessed,
        Some(1),
        Some(1),
        "read \"Tâche\" as the activity names"
    ));

    let found = findings(m);
    for expected in [
        finding("missing-accountable", "Sauvegardes quotidiennes", ""),
        finding("duplicate-name", "Surveiller les coûts", ""),
        finding("role-without-ownership", "", "Réseau"),
    ] {
        assert!(found.contains(&expected), "{expected:?} not in {found:#?}");
    }
}

#[test]
fn messy_cells_are_normalised_reported_and_kept() {
    let imported = load("messy-cells.csv");
    let m = &imported.matrix;
    for (activity, role, expected) in [
        ("Provision VPCs", "Security", "C"),
        ("Provision VPCs", "Networking", "C"),
        ("Provision VPCs", "App team", "I"),
        ("Golden AMI pipeline", "Platform team", "A/R"),
        ("Guardrail SCPs", "Platform team", "A/R"),
        ("Guardrail SCPs", "Security", "A"),
        ("Cost allocation tags", "FinOps", "A/R"),
        ("Cost allocation tags", "App team", "R"),
        ("Backup policy", "App team", "A/R"),
        ("Key rotation", "Security", "A/R"),
        ("Access reviews", "Platform team", "R"),
        ("Access reviews", "Security", "A"),
        ("Network firewall rules", "Security", "C"),
        ("Network firewall rules", "Networking", "A/R"),
        ("Observability stack", "CCoE", "A"),
        ("DR tests", "Platform team", "R"),
        ("DR tests", "CCoE", "A/R"),
        ("Security review", "Security", "V"),
        ("Security review", "CCoE", "S"),
        ("Shadow IT clean-up", "Platform team", "O"),
        // Not letters: kept as written, never blanked.
        ("Service catalogue", "Platform team", "maybe"),
        ("Landing zone docs", "Platform team", "x"),
    ] {
        assert_eq!(cell(m, activity, role), expected, "{activity} / {role}");
    }
    assert_eq!(m.scheme, Scheme::RaciVs);
    assert!(has_note(
        &imported,
        NoteKind::Guessed,
        None,
        None,
        "Scheme RACI-VS chosen: cells use V"
    ));
    assert!(has_note(
        &imported,
        NoteKind::Kept,
        None,
        None,
        "Cells use O"
    ));
    assert!(has_note(
        &imported,
        NoteKind::Normalised,
        Some(3),
        Some(2),
        "\"R/A\" read as A/R"
    ));
    assert!(has_note(
        &imported,
        NoteKind::Normalised,
        Some(9),
        Some(4),
        "\"Р/А\" read as A/R"
    ));
    assert!(has_note(
        &imported,
        NoteKind::Normalised,
        Some(13),
        Some(2),
        "\" R \" read as R"
    ));
    assert!(has_note(
        &imported,
        NoteKind::Kept,
        Some(11),
        Some(2),
        "\"maybe\""
    ));
    assert!(has_note(
        &imported,
        NoteKind::Kept,
        Some(12),
        Some(2),
        "\"x\""
    ));

    let found = findings(m);
    for expected in [
        finding("multiple-accountable", "Guardrail SCPs", ""),
        finding("unresolved-cell", "Service catalogue", "Platform team"),
        finding("unresolved-cell", "Landing zone docs", "Platform team"),
        finding("unresolved-cell", "Shadow IT clean-up", "Platform team"),
    ] {
        assert!(found.contains(&expected), "{expected:?} not in {found:#?}");
    }
    // Normalised spellings are ordinary cells to the rules.
    assert!(
        !found.iter().any(|f| f.1 == "Network firewall rules"),
        "{found:#?}"
    );
}

#[test]
fn identical_normalisations_are_one_note_each() {
    let imported = load("cloud-decisions.json");
    assert!(has_note(
        &imported,
        NoteKind::Normalised,
        Some(2),
        Some(5),
        "\"Contributor\" read as C (6 cells, the first is here)."
    ));
    let contributor_notes = imported
        .report
        .notes
        .iter()
        .filter(|n| n.message.contains("\"Contributor\""))
        .count();
    assert_eq!(contributor_notes, 1);
}

#[test]
fn json_rows_from_a_converter_daci() {
    let imported = load("cloud-decisions.json");
    let m = &imported.matrix;
    assert_eq!(imported.report.format, Format::Json);
    assert_eq!(imported.report.layout, Some(Layout::Wide));
    assert_eq!(imported.report.delimiter, None);
    assert!(imported.settings.is_none());
    assert_eq!(m.title, "cloud-decisions");
    assert_eq!(m.scheme, Scheme::Daci);
    assert_eq!(
        roles(m),
        ["Platform team", "CCoE", "Security", "FinOps", "App team"]
    );
    assert_eq!(groups(m), ["Foundation", "Operations", "Security"]);
    assert_eq!(group_of(m, "Pick the observability vendor"), "Operations");
    assert_eq!(
        cell(m, "Choose the landing zone accelerator", "Platform team"),
        "D"
    );
    assert_eq!(cell(m, "Adopt a tagging standard", "FinOps"), "D");
    // A key that only the last object has is still a column, kept as a field.
    let retire = &m.activities[4];
    assert_eq!(
        retire.fields.get("Ticket").map(String::as_str),
        Some("CHG-2291")
    );
    let headers: Vec<&str> = m.columns.info.iter().map(|c| c.header()).collect();
    assert_eq!(headers, ["Decision", "Category", "Ticket"]);

    let found = findings(m);
    for expected in [
        finding("missing-accountable", "Pick the observability vendor", ""),
        finding(
            "multiple-accountable",
            "Allow public buckets for static sites",
            "",
        ),
        finding("missing-accountable", "Retire the old build servers", ""),
        finding("missing-responsible", "Retire the old build servers", ""),
    ] {
        assert!(found.contains(&expected), "{expected:?} not in {found:#?}");
    }
}

#[test]
fn transposed_sheet_lists_role_names_under_letters() {
    let imported = load("transposed.csv");
    let m = &imported.matrix;
    assert_eq!(imported.report.layout, Some(Layout::Transposed));
    assert_eq!(
        roles(m),
        [
            "Platform team",
            "CCoE",
            "Security",
            "Networking",
            "App team",
            "FinOps"
        ]
    );
    assert_eq!(groups(m), ["Foundation", "Security", "Operations"]);
    assert_eq!(cell(m, "Create landing zone", "Networking"), "C");
    assert_eq!(cell(m, "Set up billing alerts", "FinOps"), "A/R");
    assert_eq!(cell(m, "Set up billing alerts", "App team"), "I");
    assert_eq!(cell(m, "Enable GuardDuty", "Security"), "A/R");
    assert_eq!(cell(m, "Review IAM policies", "Platform team"), "R");
    assert_eq!(cell(m, "Run game days", "CCoE"), "A");
    assert_eq!(m.columns.roles_at, 2);
    assert!(has_note(
        &imported,
        NoteKind::Guessed,
        Some(1),
        None,
        "transposed"
    ));

    let found = findings(m);
    for expected in [
        finding("missing-accountable", "Review IAM policies", ""),
        finding("multiple-accountable", "Run game days", ""),
        finding("unassigned-activity", "Document runbooks", ""),
        finding("role-without-ownership", "", "Networking"),
    ] {
        assert!(found.contains(&expected), "{expected:?} not in {found:#?}");
    }
}

#[test]
fn phases_as_section_rows_with_title_descriptions_and_fields() {
    // No file name: the title row above the header gives the title.
    let imported = import(&fixture_bytes("phases.csv"), &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let m = &imported.matrix;
    let report = notes_text(&imported);
    assert_eq!(m.title, "Cloud operating model - RASCI");
    assert_eq!(m.scheme, Scheme::Rasci);
    assert_eq!(
        roles(m),
        [
            "Platform team",
            "Security",
            "Networking",
            "FinOps",
            "App team",
            "Security (2)"
        ]
    );
    assert_eq!(m.roles[1].description, "CISO office");
    assert_eq!(m.roles[5].description, "SOC analysts");
    assert_eq!(groups(m), ["Plan", "Build", "Run", "Retire"]);
    assert_eq!(
        activities(m),
        [
            "Define the landing zone",
            "Agree the budget model",
            "Choose regions",
            "Build the network hub",
            "(unnamed, row 11)",
            "Respond to security incidents",
            "Tune cost alerts"
        ]
    );
    assert_eq!(group_of(m, "Choose regions"), "Plan");
    assert_eq!(group_of(m, "(unnamed, row 11)"), "Build");
    assert_eq!(group_of(m, "Tune cost alerts"), "Run");
    assert_eq!(cell(m, "Agree the budget model", "App team"), "S");
    let tune = &m.activities[6];
    // The formula guard our export adds is removed: exactly one apostrophe.
    assert_eq!(tune.notes, "-10% budget buffer");
    assert_eq!(tune.fields.get("WBS").map(String::as_str), Some("3.2"));
    assert_eq!(
        tune.fields.get("Owner team").map(String::as_str),
        Some("Finance")
    );
    let headers: Vec<&str> = m.columns.info.iter().map(|c| c.header()).collect();
    assert_eq!(headers, ["WBS", "Activity", "Owner team", "Notes"]);
    assert_eq!(m.columns.roles_at, 2);

    assert!(
        has_note(
            &imported,
            NoteKind::Skipped,
            Some(1),
            None,
            "read as a title"
        ),
        "{report}"
    );
    assert!(
        has_note(&imported, NoteKind::Skipped, Some(2), None, "2 blank rows"),
        "{report}"
    );
    assert!(has_note(
        &imported,
        NoteKind::Normalised,
        Some(3),
        Some(8),
        "now \"Security (2)\""
    ));
    assert!(has_note(
        &imported,
        NoteKind::Skipped,
        Some(3),
        Some(11),
        "Columns K to L"
    ));
    assert!(has_note(
        &imported,
        NoteKind::Guessed,
        Some(4),
        None,
        "role descriptions"
    ));
    assert!(has_note(
        &imported,
        NoteKind::Guessed,
        Some(5),
        Some(2),
        "\"Plan\" has no letters"
    ));
    assert!(has_note(
        &imported,
        NoteKind::Guessed,
        Some(11),
        Some(2),
        "no activity name"
    ));
    assert!(
        has_note(&imported, NoteKind::Skipped, Some(17), Some(1), "legend"),
        "{report}"
    );
    assert!(has_note(
        &imported,
        NoteKind::Guessed,
        None,
        None,
        "Scheme RASCI chosen"
    ));

    let found = findings(m);
    for expected in [
        finding("unassigned-activity", "Choose regions", ""),
        finding("missing-accountable", "Tune cost alerts", ""),
    ] {
        assert!(found.contains(&expected), "{expected:?} not in {found:#?}");
    }
    // "Retire" is an empty group, not an abandoned activity.
    assert!(!found.iter().any(|f| f.1 == "Retire"), "{found:#?}");
}

#[test]
fn phases_without_section_rows_are_activities() {
    let options = ImportOptions {
        no_section_rows: true,
        ..ImportOptions::default()
    };
    let imported = import(&fixture_bytes("phases.csv"), &options).unwrap_or_else(|e| panic!("{e}"));
    let m = &imported.matrix;
    assert!(m.groups.is_empty());
    assert_eq!(m.activities.len(), 11);
    assert_eq!(m.activities[0].name, "Plan");
}

#[test]
fn tsv_pasted_from_excel_and_the_same_as_unicode_text() {
    let tsv = load("pasted-from-excel.tsv");
    let utf16 = load("unicode-text.txt");
    assert_eq!(tsv.report.delimiter, Some(b'\t'));
    assert_eq!(tsv.report.encoding, "UTF-8");
    assert_eq!(utf16.report.delimiter, Some(b'\t'));
    assert_eq!(utf16.report.encoding, "UTF-16LE");
    let m = &tsv.matrix;
    assert_eq!(
        roles(m),
        [
            "Platform team",
            "Security",
            "Networking",
            "FinOps",
            "App team",
            "CCoE"
        ]
    );
    assert_eq!(m.columns.info[0].header(), "Process");
    assert_eq!(m.columns.info[1].header(), "Details");
    // A quoted cell with a line break in it is one cell of one row.
    assert_eq!(
        m.activities[0].description,
        "Create accounts,\r\nnetwork and pipelines"
    );
    assert_eq!(m.activities.len(), 6);
    assert_eq!(cell(m, "Onboard a new application", "App team"), "A");
    let mut same = utf16.matrix.clone();
    same.title = m.title.clone();
    assert_eq!(&same, m);

    let found = findings(m);
    for expected in [
        finding("missing-accountable", "Renew TLS certificates", ""),
        finding("too-many-consulted", "Retire unused accounts", ""),
        finding(
            "unresolved-cell",
            "Rotate database passwords",
            "Platform team",
        ),
        finding("role-without-ownership", "", "Networking"),
        finding("overloaded-role", "", "Platform team"),
    ] {
        assert!(found.contains(&expected), "{expected:?} not in {found:#?}");
    }
}

#[test]
fn markdown_export_with_title_scheme_sections_and_escapes() {
    let imported = load("cloud-raci.md");
    let m = &imported.matrix;
    assert_eq!(imported.report.format, Format::Markdown);
    assert_eq!(m.title, "Cloud operating model");
    assert_eq!(m.scheme, Scheme::Raci);
    assert_eq!(groups(m), ["Plan", "Run", "Retire"]);
    assert_eq!(
        activities(m),
        [
            "Define account structure",
            "Set budgets & alerts",
            "Patch hosts",
            "Review access"
        ]
    );
    assert_eq!(m.activities[0].notes, "see *ADR-7*");
    assert_eq!(m.activities[1].notes, "monthly\nper account");
    // Not bold, so an activity without letters rather than a group.
    assert_eq!(group_of(m, "Review access"), "Run");
    // The scheme came from the file: no guess to report.
    assert!(!has_note(
        &imported,
        NoteKind::Guessed,
        None,
        None,
        "Scheme"
    ));

    let found = findings(m);
    for expected in [
        finding("missing-accountable", "Patch hosts", ""),
        finding("unassigned-activity", "Review access", ""),
        finding("role-without-ownership", "", "Security"),
    ] {
        assert!(found.contains(&expected), "{expected:?} not in {found:#?}");
    }
}

#[test]
fn our_json_document_reads_back_with_its_settings() {
    let csv = load("phases.csv").matrix;
    let settings = RuleSettings {
        max_consulted: 2,
        ..RuleSettings::default()
    };
    let json = document::to_json(&csv, &settings);
    let imported =
        import(json.as_bytes(), &ImportOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.matrix, csv);
    assert_eq!(imported.settings, Some(settings));
    assert_eq!(imported.report.format, Format::Json);
    assert_eq!(imported.report.layout, None);
}

#[test]
fn forced_options_win_over_detection() {
    let options = ImportOptions {
        file_name: Some("messy-cells.csv".into()),
        scheme: Some(Scheme::Raci),
        delimiter: Some(b','),
        ..ImportOptions::default()
    };
    let imported =
        import(&fixture_bytes("messy-cells.csv"), &options).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.matrix.scheme, Scheme::Raci);
    assert!(has_note(
        &imported,
        NoteKind::Kept,
        None,
        None,
        "which RACI does not have"
    ));
}

fn error_of(bytes: &[u8], file_name: &str) -> String {
    let options = ImportOptions {
        file_name: Some(file_name.into()),
        ..ImportOptions::default()
    };
    match import(bytes, &options) {
        Ok(imported) => panic!("expected an error, got {:?}", imported.matrix),
        Err(e) => e.to_string(),
    }
}

#[test]
fn bad_input_fails_in_plain_words_saying_where() {
    assert!(error_of(b"", "a.csv").contains("empty"));
    let xlsx = error_of(
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
        "RACI.xlsx",
    );
    assert!(xlsx.contains("xlsx") && xlsx.contains("not supported yet") && xlsx.contains("CSV"));
    let json = error_of(
        b"[\n  {\"Activity\": \"Deploy\", \"Ops\": \"R\"},\n  {\"Activity\": }\n]",
        "rows.json",
    );
    assert!(
        json.starts_with("Row 3: This file is not valid JSON"),
        "{json}"
    );
    assert!(json.contains("line 3, character"), "{json}");
    let no_activity = error_of(b"Name,Age\nAna,42\nRaj,37\n", "people.csv");
    assert!(
        no_activity.starts_with("Row 1: No activity column"),
        "{no_activity}"
    );
    let header_only = error_of(b"\xEF\xBB\xBFActivity;Ops;Security\r\n", "empty.csv");
    assert!(
        header_only.starts_with("Row 1: This header row has nothing under it"),
        "{header_only}"
    );
    let binary = error_of(b"Activity,Ops\nDeploy,R\n\x00\x01\x02\x03", "x.csv");
    assert!(
        binary.starts_with("Row 3: This file does not look like a text table"),
        "{binary}"
    );
    let big = vec![b'a'; MAX_FILE_BYTES + 1];
    assert!(error_of(&big, "big.csv").contains("up to 20 MB"));
    let no_roles = error_of(b"Activity,Notes\nDeploy,soon\n", "a.csv");
    assert!(no_roles.contains("no role columns"), "{no_roles}");
}

/// Malformed input of every kind must give an answer, never a panic.
fn no_panic(bytes: &[u8]) {
    for layout in [
        None,
        Some(Layout::Wide),
        Some(Layout::Long),
        Some(Layout::Transposed),
    ] {
        for format in [
            None,
            Some(Format::Delimited),
            Some(Format::Markdown),
            Some(Format::Json),
        ] {
            let options = ImportOptions {
                layout,
                format,
                ..ImportOptions::default()
            };
            let _ = import(bytes, &options);
        }
    }
}

#[test]
fn malformed_inputs_never_panic() {
    let mut corpus: Vec<Vec<u8>> = vec![
        b"\"unterminated, quote\nActivity,Ops\nDeploy,R".to_vec(),
        b"Activity,Ops\n\"Deploy,\"R".to_vec(),
        b"Activity\0,Ops\nDeploy,R\0".to_vec(),
        b"\xFF\xFE".to_vec(),
        b"\xFE\xFF\x00A".to_vec(),
        b"\xFF\xFEA\x00,\x00".to_vec(),
        b"\xEF\xBB\xBF".to_vec(),
        b"|".to_vec(),
        b"| a |\n|---|\n".to_vec(),
        b"| **\\|** | x |\n| --- | --- |\n| **a** | |\n| \\ | <br |".to_vec(),
        b"[".to_vec(),
        b"{\"rows\": [1, 2]}".to_vec(),
        b"[[], [[]], {}]".to_vec(),
        b"[{\"Activity\": {\"deep\": [1, {\"a\": null}]}, \"Ops\": true}]".to_vec(),
        b"Activity".to_vec(),
        b"Activity\nDeploy\nPatch\n".to_vec(),
        b",,,\n,,,\n".to_vec(),
        b"Task,R,A\n,,\n".to_vec(),
        b"Activity,Role,Letters\n,,R\n,,\n".to_vec(),
        b"'=cmd|' /C calc'!A0,Ops\n'@SUM(1),'+R\n".to_vec(),
        "Activity,Ops\n\u{0410}\u{0420}\u{0421},\u{0420}\u{0410}\u{0421}\u{0406}\u{041E}\n".into(),
    ];
    corpus.push([b"Activity,Ops\n".as_slice(), &vec![b'x'; 1_000_000]].concat());
    let mut wide = String::from("Activity");
    for i in 0..10_000 {
        wide.push_str(&format!(",Role {i}"));
    }
    wide.push_str("\nDeploy");
    for i in 0..10_000 {
        wide.push_str(if i % 3 == 0 { ",R" } else { "," });
    }
    corpus.push(wide.into_bytes());
    let junk: Vec<u8> = (0..50_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    corpus.push(junk);
    for bytes in &corpus {
        no_panic(bytes);
    }
}

#[test]
fn ten_thousand_role_columns_import() {
    let mut text = String::from("Activity");
    for i in 0..10_000 {
        text.push_str(&format!(",Role {i}"));
    }
    text.push_str("\nDeploy");
    for i in 0..10_000 {
        text.push_str(if i % 2 == 0 { ",R" } else { ",A" });
    }
    let imported =
        import(text.as_bytes(), &ImportOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.matrix.roles.len(), 10_000);
    assert_eq!(imported.matrix.activities[0].cells.len(), 10_000);
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        no_panic(&bytes);
    }

    #[test]
    fn arbitrary_sheet_text_never_panics(text in "[A-Za-z,;|\t\"'\r\n /=*#-]{0,400}") {
        no_panic(text.as_bytes());
    }
}

#[test]
fn not_involved_marks_read_as_empty_and_mostly_n_columns_stay_roles() {
    let imported = load("not-involved-marks.csv");
    let m = &imported.matrix;
    // Before, seven of these eight people were kept as text fields full of "N".
    assert_eq!(
        roles(m),
        ["Ana", "Raj", "Li", "Omar", "Kim", "Eva", "Tom", "Zoe"]
    );
    assert!(m.activities.iter().all(|a| a.fields.is_empty()));
    assert_eq!(cell(m, "Define scope", "Li"), "");
    assert_eq!(cell(m, "Write plan", "Omar"), "");
    assert_eq!(cell(m, "Approve budget", "Eva"), "");
    assert_eq!(cell(m, "Release", "Tom"), "I");
    assert_eq!(cell(m, "Build", "Li"), "R");
    assert_eq!(activities(m).len(), 7);
    assert!(m.groups.is_empty());
    // One note for all 41 marks, with the count and the first place; none per cell.
    let marks: Vec<_> = imported
        .report
        .notes
        .iter()
        .filter(|n| n.message.contains("not involved"))
        .collect();
    assert_eq!(marks.len(), 1, "{}", notes_text(&imported));
    assert_eq!(
        marks[0].to_string(),
        "Row 2, column D: 41 cells written \"N\" or \"-\" or \"n/a\" for \"not involved\" read as \
         empty (the first is here)."
    );
    assert!(
        !imported
            .report
            .notes
            .iter()
            .any(|n| n.kind == NoteKind::Kept),
        "{}",
        notes_text(&imported)
    );

    let found = findings(m);
    let expected: BTreeSet<_> = [
        finding("missing-responsible", "Approve budget", ""),
        finding("unassigned-activity", "Archive", ""),
        finding("role-without-ownership", "", "Zoe"),
        finding("role-without-ownership", "", "Tom"),
    ]
    .into_iter()
    .collect();
    assert!(expected.is_subset(&found), "{found:#?}");
    // No false gaps from the marks: every activity but the empty one has its A and R.
    assert!(
        !found
            .iter()
            .any(|(rule, activity, _)| rule == "missing-accountable" && activity != "Archive")
    );
}

#[test]
fn a_transposed_sheet_without_an_activity_column_uses_its_only_other_column() {
    let imported = load("transposed-area.csv");
    let m = &imported.matrix;
    assert_eq!(imported.report.layout, Some(Layout::Transposed));
    assert_eq!(
        activities(m),
        ["Landing zone", "Billing alerts", "Identity"]
    );
    assert_eq!(
        roles(m),
        [
            "Platform team",
            "CCoE",
            "Security",
            "Networking",
            "App team",
            "FinOps"
        ]
    );
    assert_eq!(cell(m, "Landing zone", "Networking"), "C");
    assert_eq!(cell(m, "Billing alerts", "FinOps"), "A/R");
    assert_eq!(cell(m, "Identity", "Platform team"), "C");
    assert!(m.groups.is_empty());
    assert!(
        has_note(
            &imported,
            NoteKind::Guessed,
            Some(1),
            Some(1),
            "\"Area\" is the only column that is not a letter column"
        ),
        "{}",
        notes_text(&imported)
    );
    let found = findings(m);
    assert!(found.contains(&finding("missing-accountable", "Identity", "")));

    // No header at all over the activities, and a header the wide layout would not know.
    for header in ["", "Role / Activity"] {
        let text = format!(
            "{header},R,A,C,I\nLanding zone,Platform team,CCoE,Security,App team\n\
             Identity,Security,Security,,\n"
        );
        let imported = import(text.as_bytes(), &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{header:?}: {e}"));
        assert_eq!(activities(&imported.matrix), ["Landing zone", "Identity"]);
        assert_eq!(cell(&imported.matrix, "Identity", "Security"), "A/R");
    }
    // Two candidate columns: still refused, naming both.
    let error = import(
        b"Area,Owner,R,A\nLanding zone,Ana,Ops,CCoE\n",
        &ImportOptions::default(),
    )
    .expect_err("two candidates");
    assert!(error.message.contains("\"Area\", \"Owner\""), "{error}");
    assert_eq!(error.row, Some(1));
}

#[test]
fn a_legend_beside_the_table_is_left_out_and_reported() {
    let imported = load("legend-beside.csv");
    let m = &imported.matrix;
    assert_eq!(roles(m), ["Platform team", "Security", "FinOps"]);
    assert!(m.activities.iter().all(|a| a.fields.is_empty()));
    assert!(
        has_note(
            &imported,
            NoteKind::Skipped,
            Some(1),
            Some(6),
            "Columns F to G beside the table look like a legend of the letters (R, A, C, I)"
        ),
        "{}",
        notes_text(&imported)
    );
    // The legend's "A" sat in Review IAM's row; the real gap shows.
    let found = findings(m);
    assert!(found.contains(&finding("missing-accountable", "Review IAM", "")));
    assert!(!found.contains(&finding("missing-accountable", "Set up billing", "")));
    assert_eq!(cell(m, "Set up billing", "FinOps"), "A");
}
