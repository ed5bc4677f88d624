//! National portfolios: loading, the file round trip, errors naming file, member and field,
//! cross-member validation, the critical path across members (dates worked out by hand), and
//! saving only the members that changed.

use peta::model::{format_date, parse_date, Date, LinkType};
use peta::portfolio::{self, Portfolio};
use peta::report::schedule::{chain_text, critical_chains};
use peta::schedule::{schedule, Options};
use std::fs;
use std::path::{Path, PathBuf};

const SAMPLE: &str = "roadmaps/national/portfolio.json";

fn today() -> Date {
    parse_date("2025-01-01").unwrap()
}

fn member(title: &str, items: &str) -> String {
    format!(
        r#"{{
  "format": "peta-roadmap/1",
  "title": "{title}",
  "start": "2025-01-01",
  "end": "2025-12-31",
  "currency": "IDR",
  "sectors": [{{"id": "infra", "name": "Infrastructure"}}],
  "funding_schemes": [{{"id": "apbn", "name": "APBN"}}],
  "items": [{items}]
}}
"#
    )
}

fn item(id: &str, start: &str, end: &str, deps: &str) -> String {
    format!(
        r#"{{"id": "{id}", "title": "{id}", "kind": "initiative", "sector": "infra", "start": "{start}", "end": "{end}", "depends_on": [{deps}]}}"#
    )
}

/// Three members: a ministry's data centre gates a province's migration (FS +5), a ministry
/// regulation gates a regional regulation (SS +3) that the province's portal also waits for.
fn tiny(dir: &Path, min_extra_dep: &str) -> PathBuf {
    let min = [
        item("dc", "2025-01-01", "2025-01-10", min_extra_dep),
        item("law", "2025-01-01", "2025-01-05", ""),
    ]
    .join(",");
    let prov = [
        item(
            "migrate",
            "2025-01-01",
            "2025-01-20",
            r#"{"id": "min:dc", "type": "FS", "lag_days": 5}"#,
        ),
        item(
            "portal",
            "2025-01-01",
            "2025-01-10",
            r#"{"id": "migrate"}, {"id": "reg:perda"}"#,
        ),
    ]
    .join(",");
    let reg = item(
        "perda",
        "2025-01-01",
        "2025-01-31",
        r#"{"id": "min:law", "type": "SS", "lag_days": 3}"#,
    );
    fs::write(dir.join("min.json"), member("Ministry", &min)).unwrap();
    fs::write(dir.join("prov.json"), member("Province", &prov)).unwrap();
    fs::write(dir.join("reg.json"), member("Home affairs", &reg)).unwrap();
    let path = dir.join("portfolio.json");
    fs::write(
        &path,
        r#"{
  "format": "peta-portfolio/1",
  "title": "Tiny national portfolio",
  "end": "2025-03-31",
  "members": [
    {"id": "min", "name": "Ministry", "path": "min.json"},
    {"id": "prov", "path": "prov.json"},
    {"id": "reg", "path": "./reg.json", "contact": "biro-perencanaan"}
  ],
  "coordinator": "Bappenas"
}
"#,
    )
    .unwrap();
    path
}

fn errors_of(path: &Path) -> String {
    match Portfolio::load(path) {
        Ok(_) => panic!("{} loaded", path.display()),
        Err(err) => err.to_string(),
    }
}

fn problems_of(path: &Path) -> Vec<String> {
    let portfolio = Portfolio::load(path).unwrap();
    let combined = portfolio.combine();
    portfolio::validate(&portfolio, &combined)
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn loading_combines_members_with_member_qualified_ids() {
    let dir = tempfile::tempdir().unwrap();
    let path = tiny(dir.path(), "");
    let portfolio = Portfolio::load(&path).unwrap();
    assert_eq!(portfolio.members.len(), 3);
    assert_eq!(portfolio.members[2].path, dir.path().join("./reg.json"));
    let combined = portfolio.combine();
    let ids: Vec<&str> = combined
        .roadmap
        .items
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "min:dc",
            "min:law",
            "prov:migrate",
            "prov:portal",
            "reg:perda"
        ]
    );
    let portal = &combined.roadmap.items[3];
    let deps: Vec<&str> = portal.depends_on.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(deps, ["prov:migrate", "reg:perda"]);
    assert_eq!(portal.sector, "prov:infra");
    let sectors: Vec<(&str, &str)> = combined
        .roadmap
        .sectors
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    assert_eq!(
        sectors,
        [
            ("min:infra", "Ministry · Infrastructure"),
            ("prov:infra", "prov · Infrastructure"),
            ("reg:infra", "reg · Infrastructure"),
        ]
    );
    assert_eq!(combined.origin[3].member, 1);
    assert_eq!(combined.origin[3].local, 1);
    // The portfolio's end is the target; the start is the earliest member start.
    assert_eq!(combined.roadmap.end, parse_date("2025-03-31"));
    assert_eq!(combined.roadmap.start, parse_date("2025-01-01"));
    assert!(problems_of(&path).is_empty(), "{:?}", problems_of(&path));
}

#[test]
fn the_critical_path_runs_across_members() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = Portfolio::load(&tiny(dir.path(), "")).unwrap();
    let combined = portfolio.combine();
    let roadmap = &combined.roadmap;
    let plan = schedule(roadmap, &Options::new(today()));
    let at = |id: &str| &plan.items[roadmap.index_of(id).unwrap()];
    let dates = |id: &str| {
        let s = at(id);
        (format_date(s.early_start), format_date(s.early_finish))
    };
    // dc occupies Jan 1-10; FS +5 puts migrate's start on Jan 16; 20 days end on Feb 4.
    assert_eq!(
        dates("prov:migrate"),
        ("2025-01-16".into(), "2025-02-04".into())
    );
    assert_eq!(
        at("prov:migrate").driving_predecessor,
        roadmap.index_of("min:dc")
    );
    // The portal follows migrate (Feb 5-14); perda (SS +3 on law: Jan 4 - Feb 3) leaves it
    // one day of float.
    assert_eq!(
        dates("prov:portal"),
        ("2025-02-05".into(), "2025-02-14".into())
    );
    assert_eq!(
        dates("reg:perda"),
        ("2025-01-04".into(), "2025-02-03".into())
    );
    assert_eq!(at("reg:perda").total_float, 1);
    assert_eq!(at("min:law").total_float, 1);
    assert!(!at("reg:perda").critical);
    assert_eq!(plan.finish, parse_date("2025-02-14"));
    assert_eq!(plan.slip_days, -45);
    let chains = critical_chains(&plan);
    assert_eq!(
        chain_text(roadmap, &plan, &chains[0]),
        "min:dc -> prov:migrate (FS +5) -> prov:portal"
    );
    let summaries = portfolio::members_text(&portfolio, &combined, &plan);
    assert!(
        summaries
            .contains("prov    prov          2         2  2025-02-14  2025-12-31  320 days early"),
        "{summaries}"
    );
    let json = portfolio::schedule_json(&portfolio, &combined, &plan, today());
    let migrate = &json["items"][2];
    assert_eq!(migrate["id"], "prov:migrate");
    assert_eq!(migrate["member"], "prov");
    assert_eq!(migrate["local_id"], "migrate");
    assert_eq!(migrate["driving_predecessor"], "min:dc");
    assert_eq!(json["members"][0]["finish"], "2025-01-10");
    assert_eq!(json["members"][1]["critical"], 2);
}

#[test]
fn the_portfolio_file_round_trips_with_unknown_fields() {
    let dir = tempfile::tempdir().unwrap();
    let path = tiny(dir.path(), "");
    let portfolio = Portfolio::load(&path).unwrap();
    assert_eq!(portfolio.file.extra["coordinator"], "Bappenas");
    assert_eq!(
        portfolio.file.members[2].extra["contact"],
        "biro-perencanaan"
    );
    let text = portfolio::to_canonical_string(&portfolio.file);
    let again =
        portfolio::from_value(serde_json::from_str(&text).unwrap()).expect("canonical text reads");
    assert_eq!(again, portfolio.file);
    assert!(text.starts_with("{\n  \"format\": \"peta-portfolio/1\",\n  \"title\""));
    assert!(text.contains("\"contact\": \"biro-perencanaan\""));
    assert!(text.ends_with("  \"coordinator\": \"Bappenas\"\n}\n"));
    // Canonical text is a fixed point.
    assert_eq!(portfolio::to_canonical_string(&again), text);
}

#[test]
fn a_missing_member_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = tiny(dir.path(), "");
    fs::remove_file(dir.path().join("prov.json")).unwrap();
    assert_eq!(
        errors_of(&path),
        format!(
            "{}: member \"prov\": path: \"prov.json\": no such file ({})",
            path.display(),
            dir.path().join("prov.json").display()
        )
    );
}

#[test]
fn duplicate_member_ids_and_bad_paths_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    fs::write(
        &path,
        r#"{"format": "peta-portfolio/1", "title": "T", "members": [
            {"id": "min", "path": "a.json"},
            {"id": "bad:id", "path": "b.json"},
            {"id": "min", "path": "c.json"},
            {"id": "abs", "path": "/etc/roadmap.json"},
            {"id": "same", "path": "./a.json"},
            {"path": "d.json"}
        ]}"#,
    )
    .unwrap();
    let p = path.display();
    assert_eq!(
        errors_of(&path),
        [
            format!("{p}: member \"bad:id\": id: may not contain ':' or spaces (items elsewhere refer to this member's items as \"bad-id:item-id\")"),
            format!("{p}: member \"abs\": path: \"/etc/roadmap.json\" must be relative to the portfolio file's folder"),
            format!("{p}: members[5]: id: missing"),
            format!("{p}: member \"min\": id: used twice (members[0] and members[2]); member ids must be unique"),
            format!("{p}: member \"same\": path: \"./a.json\" is already the file of member \"min\""),
        ]
        .join("\n")
    );
}

#[test]
fn a_portfolio_without_format_title_or_members_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    fs::write(&path, r#"{"format": "peta-portfolio/2", "members": []}"#).unwrap();
    let p = path.display();
    assert_eq!(
        errors_of(&path),
        [
            format!("{p}: format: \"peta-portfolio/2\" is not supported; this version reads \"peta-portfolio/1\""),
            format!("{p}: title: missing"),
            format!("{p}: members: empty; list at least one member roadmap"),
        ]
        .join("\n")
    );
}

#[test]
fn a_member_that_fails_to_load_is_named_with_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = tiny(dir.path(), "");
    fs::write(dir.path().join("reg.json"), "{\n  \"format\": \n}\n").unwrap();
    let text = errors_of(&path);
    let expected = format!(
        "{}: member \"reg\": {}:3:1: invalid JSON: ",
        path.display(),
        dir.path().join("./reg.json").display()
    );
    assert!(text.starts_with(&expected), "{text}");
    assert_eq!(text.lines().count(), 1);
    // A member that is itself a portfolio is refused: portfolios do not nest.
    fs::copy(&path, dir.path().join("reg.json")).unwrap();
    assert_eq!(
        errors_of(&path),
        format!(
            "{}: member \"reg\": path: \"./reg.json\" is a portfolio; members must be roadmaps (portfolios do not nest)",
            path.display()
        )
    );
}

#[test]
fn a_dangling_cross_member_reference_names_the_member_file_item_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = tiny(dir.path(), r#"{"id": "prov:nope"}, {"id": "gone"}"#);
    let min = dir.path().join("min.json");
    assert_eq!(
        problems_of(&path),
        [
            format!("{}: item \"dc\": depends_on \"gone\": no such item", min.display()),
            format!(
                "{}: item \"dc\": depends_on \"prov:nope\": no such item: member \"prov\" ({}) has no item \"nope\"",
                min.display(),
                dir.path().join("prov.json").display()
            ),
        ]
    );
}

#[test]
fn a_cycle_across_members_is_reported_once_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = tiny(dir.path(), r#"{"id": "prov:portal"}"#);
    assert_eq!(
        problems_of(&path),
        [format!(
            "{}: item \"dc\": depends_on: dependency cycle across members (each item depends on the one before it): min:dc -> prov:migrate -> prov:portal -> min:dc",
            dir.path().join("min.json").display()
        )]
    );
}

fn copy_sample(to: &Path) -> PathBuf {
    for entry in fs::read_dir("roadmaps/national").unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
    to.join("portfolio.json")
}

#[test]
fn the_sample_validates_and_splits_back_into_its_members_exactly() {
    let portfolio = Portfolio::load(Path::new(SAMPLE)).unwrap();
    assert!(portfolio.members.len() >= 3);
    let combined = portfolio.combine();
    let errors: Vec<String> = portfolio::validate(&portfolio, &combined)
        .iter()
        .filter(|p| p.problem.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let split = portfolio.split(&combined.roadmap).unwrap();
    for (member, roadmap) in portfolio.members.iter().zip(&split) {
        assert_eq!(&member.roadmap, roadmap, "{}", member.entry.id);
    }
    // Cross-agency links exist and resolve: the province waits for the ministry's data centre.
    let plan = schedule(&combined.roadmap, &Options::new(today()));
    let migration = combined.roadmap.index_of("jabar:dc-migration").unwrap();
    let pdn = combined
        .roadmap
        .index_of("komdigi:ms-pdn-regional-ready")
        .unwrap();
    assert_eq!(plan.items[migration].driving_predecessor, Some(pdn));
    assert!(plan.items[pdn].critical && plan.items[migration].critical);
}

#[test]
fn saving_writes_only_the_changed_member() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_sample(dir.path());
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_600_000_000);
    let names = [
        "portfolio.json",
        "komdigi.json",
        "panrb.json",
        "kemendagri.json",
        "jabar.json",
    ];
    for name in names {
        fs::File::options()
            .write(true)
            .open(dir.path().join(name))
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    let before: Vec<Vec<u8>> = names
        .iter()
        .map(|n| fs::read(dir.path().join(n)).unwrap())
        .collect();
    let mut portfolio = Portfolio::load(&path).unwrap();
    let mut combined = portfolio.combine().roadmap;
    // Nothing changed: nothing written.
    assert!(portfolio.save(&combined, false).unwrap().is_empty());
    // The province now also waits for PANRB's interoperability standard.
    let at = combined.index_of("jabar:sapawarga-ina").unwrap();
    let edit = peta::model::add_dependency(
        &combined,
        at,
        combined.index_of("panrb:ms-interop-enacted").unwrap(),
        LinkType::FS,
        0,
    )
    .unwrap();
    let mut history = peta::model::History::new();
    history.apply(&mut combined, edit);
    let written = portfolio.save(&combined, false).unwrap();
    assert_eq!(written, [dir.path().join("jabar.json")]);
    for (name, bytes) in names.iter().zip(&before) {
        let file = dir.path().join(name);
        if *name == "jabar.json" {
            continue;
        }
        assert_eq!(&fs::read(&file).unwrap(), bytes, "{name} rewritten");
        assert_eq!(
            fs::metadata(&file).unwrap().modified().unwrap(),
            old,
            "{name} touched"
        );
    }
    let jabar = peta::store::load(&dir.path().join("jabar.json"))
        .unwrap()
        .roadmap;
    let sapawarga = &jabar.items[jabar.index_of("sapawarga-ina").unwrap()];
    let deps: Vec<&str> = sapawarga.depends_on.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        deps,
        [
            "kemendagri:nik-verification-api",
            "panrb:ina-digital",
            "panrb:ms-interop-enacted"
        ]
    );
    // The saved files read back as the edited portfolio.
    let again = Portfolio::load(&path).unwrap().combine().roadmap;
    assert_eq!(again, combined);
    // Someone else changes komdigi.json; an edit there is refused until forced.
    fs::write(
        dir.path().join("komdigi.json"),
        &before[1][..before[1].len() - 1],
    )
    .unwrap();
    let pdn = combined.index_of("komdigi:pdn-batam").unwrap();
    let shift = peta::model::shift_item(&combined, pdn, 30);
    history.apply(&mut combined, shift);
    let err = portfolio.save(&combined, false).unwrap_err();
    assert!(
        err.to_string()
            .contains("komdigi.json: the file changed on disk"),
        "{err}"
    );
    assert_eq!(
        portfolio.save(&combined, true).unwrap(),
        [dir.path().join("komdigi.json")]
    );
}

#[test]
fn a_sector_added_without_a_member_cannot_be_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut portfolio = Portfolio::load(&tiny(dir.path(), "")).unwrap();
    let mut combined = portfolio.combine().roadmap;
    combined.sectors.push(peta::model::Sector {
        id: "health".into(),
        name: "Health".into(),
        ..Default::default()
    });
    let err = portfolio.save(&combined, false).unwrap_err().to_string();
    assert!(
        err.ends_with("cannot save: sector \"health\" belongs to no member: in a portfolio its id starts with a member id (min:..., prov:..., reg:...)"),
        "{err}"
    );
    // The terminal UI saves: the reason is in its language.
    peta::i18n::set_current(peta::i18n::Lang::Id);
    let err = portfolio.save(&combined, false).unwrap_err().to_string();
    peta::i18n::set_current(peta::i18n::Lang::En);
    assert!(
        err.ends_with("sektor \"health\" bukan milik anggota mana pun: dalam portofolio id-nya diawali id anggota (min:..., prov:..., reg:...)"),
        "{err}"
    );
}

#[test]
fn moving_an_item_to_another_members_sector_moves_it_between_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut portfolio = Portfolio::load(&tiny(dir.path(), "")).unwrap();
    let mut combined = portfolio.combine().roadmap;
    let perda = combined.index_of("reg:perda").unwrap();
    combined.items[perda].sector = "prov:infra".into();
    let written = portfolio.save(&combined, false).unwrap();
    assert_eq!(
        written,
        [dir.path().join("prov.json"), dir.path().join("./reg.json")]
    );
    let prov = peta::store::load(&dir.path().join("prov.json"))
        .unwrap()
        .roadmap;
    let ids: Vec<&str> = prov.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["migrate", "portal", "perda"]);
    // The portal's link to it is now within the member; perda's own link still crosses.
    assert_eq!(prov.items[1].depends_on[1].id, "perda");
    assert_eq!(prov.items[2].depends_on[0].id, "min:law");
    let reg = peta::store::load(&dir.path().join("reg.json"))
        .unwrap()
        .roadmap;
    assert!(reg.items.is_empty());
}

#[test]
fn open_tells_roadmaps_from_portfolios() {
    assert!(matches!(
        portfolio::open(Path::new(SAMPLE)).unwrap(),
        portfolio::Opened::Portfolio(_)
    ));
    assert!(matches!(
        portfolio::open(Path::new("roadmaps/spbe-2025-2029.json")).unwrap(),
        portfolio::Opened::Roadmap(_)
    ));
    // A roadmap that merely mentions the word in a note stays a roadmap.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.json");
    fs::write(&path, member("Mentions peta-portfolio/1 in its title", "")).unwrap();
    assert!(matches!(
        portfolio::open(&path).unwrap(),
        portfolio::Opened::Roadmap(_)
    ));
}
