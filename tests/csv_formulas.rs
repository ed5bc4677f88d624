//! CSV injection: `peta export --format csv` puts a `'` before a text cell that a spreadsheet
//! would run as a formula (or that starts with `'`), leaves numbers and dates alone, and
//! `peta import --from csv` takes the `'` off again, so the round trip keeps every field.

mod common;

use common::{load, peta, same_items, stdout_of, write};
use std::path::Path;

/// Every trigger character at the start of some text field: `=` (title, sector id, talent
/// role, instrument), `+` (owner), `-` (item id, sector name, title), `@` (notes, funding
/// scheme), a tab (title), a carriage return (owner), and titles and notes that really start
/// with `'`. Lags and costs are numbers and stay as they are.
const FORMULAS: &str = r#"{
  "format": "peta-roadmap/1", "title": "Formulas", "start": "2025-01-01", "end": "2025-12-31",
  "currency": "IDR", "sectors": [{"id": "s", "name": "-Sector"}, {"id": "=t", "name": "Tee"}],
  "funding_schemes": [{"id": "apbn", "name": "State budget"}, {"id": "@hibah", "name": "Grant"}],
  "items": [
    {"id": "eq", "title": "=HYPERLINK(\"http://x\",\"y\")", "kind": "initiative", "sector": "s",
     "owner": "+62 21 555 0100", "start": "2025-01-01", "end": "2025-01-31", "progress": 0,
     "notes": "@SUM(A1)", "funding": [{"scheme": "@hibah", "year": 2025, "amount": 7}]},
    {"id": "-neg", "title": "-10 days buffer", "kind": "initiative", "sector": "=t",
     "start": "2025-02-01", "end": "2025-03-31", "progress": 0, "cost": 12,
     "depends_on": [{"id": "eq", "type": "SS", "lag_days": -10}],
     "talent": [{"role": "=role", "count": 2}]},
    {"id": "tab", "title": "\tTabbed", "kind": "milestone", "sector": "s", "owner": "\rReturn",
     "start": "2025-03-31", "end": "2025-03-31", "depends_on": ["-neg"]},
    {"id": "quote", "title": "'Quoted", "kind": "regulation", "sector": "s", "start": "2025-01-01",
     "end": "2025-01-31", "notes": "'=not a formula",
     "regulation": {"instrument": "=Perpres", "stage": "drafting"}},
    {"id": "plain", "title": "Plain 'title' = fine", "kind": "initiative", "sector": "s",
     "start": "2025-01-01", "end": "2025-01-31", "depends_on": ["quote"]}
  ]
}"#;

fn export_csv(file: &Path) -> String {
    stdout_of(
        peta()
            .args(["export", "--format", "csv", "--today", "2025-01-15"])
            .arg(file),
    )
}

/// `peta import --from csv CSV -o JSON`, to be run and checked by the caller.
fn import_csv(csv: &Path, json: &Path) -> assert_cmd::Command {
    let mut cmd = peta();
    cmd.args(["import", "--from", "csv"])
        .arg(csv)
        .arg("-o")
        .arg(json);
    cmd
}

/// Hand-checked cells: each guarded cell is the text with one `'` in front; the quote-led
/// texts get a second `'`; `eq:SS-10`, the cost 12 and the dates are unchanged, and a `'` or
/// `=` inside a text is no reason for a guard.
#[test]
fn text_cells_starting_a_formula_get_a_quote_and_numbers_do_not() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "formulas.json", FORMULAS);
    let text = export_csv(&file);
    let expected = [
        "id,title,sector,sector_name,kind,start,end,forecast_start,forecast_finish,total_float_days,free_float_days,critical,status,progress,owner,cost,committed_funding,depends_on,instrument,stage,funding,talent,notes",
        "eq,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",s,'-Sector,initiative,2025-01-01,2025-01-31,2025-01-01,2025-01-31,41,41,false,not-started,0,'+62 21 555 0100,,0,,,,'@hibah:2025:7,,'@SUM(A1)",
        "'-neg,'-10 days buffer,'=t,Tee,initiative,2025-02-01,2025-03-31,2025-02-01,2025-03-31,0,0,true,not-started,0,,12,0,eq:SS-10,,,,'=role:2,",
        "tab,'\tTabbed,s,'-Sector,milestone,2025-03-31,2025-03-31,2025-03-31,2025-03-31,0,0,true,not-started,0,\"'\rReturn\",,0,'-neg,,,,,",
        "quote,''Quoted,s,'-Sector,regulation,2025-01-01,2025-01-31,2025-01-01,2025-01-31,28,0,false,not-started,0,,,0,,'=Perpres,drafting,,,''=not a formula",
        "plain,Plain 'title' = fine,s,'-Sector,initiative,2025-01-01,2025-01-31,2025-02-01,2025-03-03,28,28,false,late,0,,,0,quote,,,,,",
        "",
    ]
    .join("\r\n");
    assert_eq!(text, expected);

    // Read back as a spreadsheet would: no cell of a text column starts with a formula
    // character.
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let text_columns = peta::report::export::csv::TEXT_COLUMNS;
    let mut checked = 0;
    for record in reader.records() {
        for (name, cell) in header.iter().zip(record.unwrap().iter()) {
            if text_columns.contains(&name) {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{name}: {cell:?}"
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 5 * text_columns.len());
}

#[test]
fn guarded_cells_round_trip_field_for_field() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "formulas.json", FORMULAS);
    let csv_file = write(dir.path(), "formulas.csv", &export_csv(&file));
    let json = dir.path().join("back.json");
    import_csv(&csv_file, &json).assert().success();
    let (original, imported) = (load(&file), load(&json));
    same_items(&original.items, &imported.items, true);
    // Spelled out for the cases that matter most.
    assert_eq!(imported.items[0].title, "=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(imported.items[1].id, "-neg");
    assert_eq!(imported.items[1].depends_on[0].lag_days, -10);
    assert_eq!(imported.items[2].title, "\tTabbed");
    assert_eq!(imported.items[3].title, "'Quoted");
    assert_eq!(imported.items[3].notes.as_deref(), Some("'=not a formula"));
    let sector = imported.sectors.iter().find(|s| s.id == "s").unwrap();
    assert_eq!(sector.name, "-Sector");
    assert!(imported.sectors.iter().any(|s| s.id == "=t"));
    // And the export of the import is the same file.
    assert_eq!(export_csv(&json), export_csv(&file));
}

/// A spreadsheet that saved the cells without the guard, or a hand-typed `'` that the export
/// would not have written, is read as written; only `'` before a formula character or another
/// `'` is the guard.
#[test]
fn import_takes_off_only_the_guard() {
    let dir = tempfile::tempdir().unwrap();
    let csv_file = write(
        dir.path(),
        "typed.csv",
        "id,title,sector,kind,start,end,owner,notes,progress\n\
         a,'Smart' city,s,initiative,2025-01-01,2025-01-31,=Diskominfo,'-5,'10\n\
         b,''Quoted,s,initiative,2025-01-01,2025-01-31,'+62,'',\n",
    );
    let json = dir.path().join("typed.json");
    let result = import_csv(&csv_file, &json).output().unwrap();
    // A number column is not a text column: `'10` is not a percentage.
    assert_eq!(result.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&result.stderr)
        .contains("line 2: column \"progress\": \"'10\" is not a whole percentage from 0 to 100"));

    let fixed = std::fs::read_to_string(&csv_file)
        .unwrap()
        .replace(",'10\n", ",10\n");
    std::fs::write(&csv_file, fixed).unwrap();
    import_csv(&csv_file, &json).assert().success();
    let roadmap = load(&json);
    let a = &roadmap.items[0];
    assert_eq!(a.title, "'Smart' city");
    assert_eq!(a.owner.as_deref(), Some("=Diskominfo"));
    assert_eq!(a.notes.as_deref(), Some("-5"));
    assert_eq!(a.progress, 10);
    let b = &roadmap.items[1];
    assert_eq!(b.title, "'Quoted");
    assert_eq!(b.owner.as_deref(), Some("+62"));
    assert_eq!(b.notes.as_deref(), Some("'"));
}
