//! peta as git's merge driver and diff command, in real temporary repositories: set up with
//! `peta git-setup --install`, then `git merge` and `git diff` run the built binary.

mod common;

use common::{item_ids, item_json as item, roadmap_json, Repo};
use serde_json::{json, Value};
use std::process::{Command, Output};

const PETA: &str = env!("CARGO_BIN_EXE_peta");
const FILE: &str = "plan.roadmap.json";

fn base_roadmap() -> Value {
    roadmap_json(json!([
        item("a", "2025-01-01", "2025-01-31", &[]),
        item("b", "2025-02-01", "2025-02-28", &["a"])
    ]))
}

/// A repository with peta installed as driver (with the default patterns) and the roadmap
/// committed on `main`.
fn repository() -> Repo {
    let repo = Repo::new();
    let out = repo.run(PETA, &["git-setup", "--install", "--command", PETA]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Installing twice changes nothing.
    let out = repo.run(PETA, &["git-setup", "--install", "--command", PETA]);
    assert!(String::from_utf8_lossy(&out.stdout)
        .contains("already has `*.roadmap.json diff=peta merge=peta`"));
    assert_eq!(
        std::fs::read_to_string(repo.path().join(".gitattributes")).unwrap(),
        "roadmap.json diff=peta merge=peta\n*.roadmap.json diff=peta merge=peta\n\
         roadmaps/**/*.json diff=peta merge=peta\n"
    );
    let drivers = repo.git(&["config", "--get-all", "merge.peta.driver"]);
    assert_eq!(String::from_utf8_lossy(&drivers.stdout).lines().count(), 1);
    repo.commit(FILE, &base_roadmap(), "base");
    repo
}

/// Branch `theirs` changes the roadmap `file` with `theirs`, `main` with `ours`; returns the
/// merge.
fn branches_of(
    repo: &Repo,
    file: &str,
    ours: impl Fn(&mut Value),
    theirs: impl Fn(&mut Value),
) -> Output {
    repo.git(&["checkout", "-q", "-b", "theirs"]);
    let mut value = repo.read(file);
    theirs(&mut value);
    repo.commit(file, &value, "theirs");
    repo.git(&["checkout", "-q", "main"]);
    let mut value = repo.read(file);
    ours(&mut value);
    repo.commit(file, &value, "ours");
    repo.run("git", &["merge", "-q", "--no-edit", "theirs"])
}

fn branches(repo: &Repo, ours: impl Fn(&mut Value), theirs: impl Fn(&mut Value)) -> Output {
    branches_of(repo, FILE, ours, theirs)
}

#[test]
fn git_merge_combines_edits_to_one_roadmap_through_the_driver() {
    let repo = repository();
    let merge = branches(
        &repo,
        |v| {
            v["items"][0]["progress"] = json!(50);
            v["items"]
                .as_array_mut()
                .unwrap()
                .push(item("o", "2025-03-01", "2025-03-31", &["b"]));
        },
        |v| {
            v["items"][0]["title"] = json!("Alpha");
            v["items"][1]["end"] = json!("2025-03-15");
            v["items"]
                .as_array_mut()
                .unwrap()
                .insert(1, item("t", "2025-01-01", "2025-01-10", &[]));
        },
    );
    // Line-based merging would conflict: both sides edited item "a" and the end of the list.
    assert!(
        merge.status.success(),
        "{}",
        String::from_utf8_lossy(&merge.stderr)
    );
    let merged = repo.read(FILE);
    assert_eq!(item_ids(&merged), ["a", "t", "b", "o"]);
    assert_eq!(
        (
            &merged["items"][0]["progress"],
            &merged["items"][0]["title"]
        ),
        (&json!(50), &json!("Alpha"))
    );
    assert_eq!(merged["items"][2]["end"], "2025-03-15");
    assert!(merged.get("conflicts").is_none());
    // Written in the canonical form: `peta fmt --check` agrees.
    let fmt = repo.run(PETA, &["fmt", "--check", FILE]);
    assert!(
        fmt.status.success(),
        "{}",
        String::from_utf8_lossy(&fmt.stdout)
    );
}

#[test]
fn a_real_conflict_stops_git_merge_with_the_conflict_recorded() {
    let repo = repository();
    let merge = branches(
        &repo,
        |v| v["items"][1]["end"] = json!("2025-03-10"),
        |v| v["items"][1]["end"] = json!("2025-03-20"),
    );
    assert!(!merge.status.success());
    // The driver names the real file, not git's temporary copy.
    let err = String::from_utf8_lossy(&merge.stderr);
    assert!(
        err.contains(&format!("{FILE}: conflict: item \"b\": end:")),
        "{err}"
    );
    let status = repo.git(&["status", "--porcelain"]);
    assert!(String::from_utf8_lossy(&status.stdout).contains(&format!("UU {FILE}")));
    let merged = repo.read(FILE);
    assert_eq!(merged["items"][1]["end"], "2025-03-10"); // ours kept, no conflict markers
    assert_eq!(
        merged["conflicts"],
        json!([{"item": "b", "field": "end", "base": "2025-02-28", "ours": "2025-03-10",
                "theirs": "2025-03-20", "reason": "changed differently on both sides"}])
    );
    let check = repo.run(PETA, &["check", FILE]);
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stdout).contains("item \"b\": end: merge conflict"));
}

#[test]
fn a_merge_that_closes_a_cycle_stops_with_a_conflict() {
    let repo = repository();
    let merge = branches(
        &repo,
        |v| {
            v["items"]
                .as_array_mut()
                .unwrap()
                .push(item("c", "2025-03-01", "2025-03-31", &["b"]))
        },
        |v| v["items"][0]["depends_on"] = json!(["c"]),
    );
    // Theirs links a to c, which only ours adds: not dangling after the merge, but a cycle.
    assert!(!merge.status.success());
    let merged = repo.read(FILE);
    assert_eq!(
        merged["conflicts"][0]["reason"],
        "the merge closes a dependency cycle: a -> b -> c -> a"
    );
}

#[test]
fn git_diff_shows_the_semantic_diff() {
    let repo = repository();
    let mut value = base_roadmap();
    value["items"][1]["end"] = json!("2025-03-10");
    repo.save(FILE, &value);
    let diff = repo.git(&["diff"]);
    let text = String::from_utf8_lossy(&diff.stdout);
    assert!(text.starts_with(&format!("peta diff {FILE}\n")), "{text}");
    assert!(
        text.contains("      end: 2025-02-28 -> 2025-03-10 (10 days later)"),
        "{text}"
    );
    assert!(
        text.contains("  forecast finish: 2025-02-28 -> 2025-03-10 (10 days later)"),
        "{text}"
    );
    // A version that is not a roadmap is reported, and git goes on.
    std::fs::write(repo.path().join("broken.roadmap.json"), "{").unwrap();
    repo.git(&["add", "broken.roadmap.json"]);
    let diff = repo.git(&["diff", "--cached"]);
    let text = String::from_utf8_lossy(&diff.stdout);
    assert!(
        text.contains("peta diff broken.roadmap.json: cannot compare the roadmaps\n"),
        "{text}"
    );
    repo.git(&["rm", "-q", "--cached", "broken.roadmap.json"]);
    // A whole new roadmap file diffs against nothing.
    std::fs::copy(
        repo.path().join(FILE),
        repo.path().join("other.roadmap.json"),
    )
    .unwrap();
    repo.git(&["add", "other.roadmap.json"]);
    let diff = repo.git(&["diff", "--cached"]);
    let text = String::from_utf8_lossy(&diff.stdout);
    assert!(text.contains("  + a \"A\" (added)"), "{text}");
}

#[test]
fn git_setup_prints_the_setup_for_a_pattern_and_appends_only_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let run = |args: &[&str]| common::run_in(root, PETA, args);
    let out = run(&["git-setup", "--pattern", "plans/*.json"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "# .gitattributes\nplans/*.json diff=peta merge=peta\n\n# git config (run in the repository)\n\
         git config diff.peta.command 'peta diff'\n\
         git config merge.peta.name 'peta: merge roadmaps by item id and field'\n\
         git config merge.peta.driver 'peta merge %O %A %B -o %A --name %P'\n"
    );
    // A path with a space is quoted for the shell git runs the driver through.
    let out = run(&["git-setup", "--command", "/opt/my tools/peta"]);
    assert!(String::from_utf8_lossy(&out.stdout)
        .contains(r"git config diff.peta.command ''\''/opt/my tools/peta'\'' diff'"));
    let out = run(&["git-setup", "--pattern", "*.json", "--pattern", "a b"]);
    assert_eq!(out.status.code(), Some(2));
    // Installing keeps the existing lines (even without a final newline) and adds ours once.
    assert!(common::run_in(root, "git", &["init", "-q"])
        .status
        .success());
    std::fs::write(root.join(".gitattributes"), "*.png binary").unwrap();
    for _ in 0..2 {
        let out = run(&[
            "git-setup",
            "--install",
            "--pattern",
            "plans/*.json",
            "--pattern",
            "*.plan.json",
        ]);
        assert!(out.status.success());
    }
    assert_eq!(
        std::fs::read_to_string(root.join(".gitattributes")).unwrap(),
        "*.png binary\nplans/*.json diff=peta merge=peta\n*.plan.json diff=peta merge=peta\n"
    );
    let command = common::run_in(root, "git", &["config", "--get-all", "diff.peta.command"]);
    assert_eq!(String::from_utf8_lossy(&command.stdout), "peta diff\n");
    // Outside a repository, installing fails and says why.
    let outside = tempfile::tempdir().unwrap();
    let out = Command::new(PETA)
        .args(["git-setup", "--install"])
        .current_dir(outside.path())
        .env("GIT_CEILING_DIRECTORIES", outside.path().parent().unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("git rev-parse --show-toplevel failed"));
}

/// The default patterns cover the files peta users have: the sample's `roadmaps/` folder and
/// the TUI's default `roadmap.json`, so both merge through peta and diff semantically.
#[test]
fn the_default_setup_covers_the_roadmaps_folder_and_roadmap_json() {
    let repo = repository();
    let sample = "roadmaps/spbe-2025-2029.json";
    std::fs::create_dir_all(repo.path().join("roadmaps/regions")).unwrap();
    for (path, expected) in [
        (sample, "peta"),
        ("roadmaps/regions/bali.json", "peta"),
        ("roadmap.json", "peta"),
        ("docs/roadmap.json", "peta"),
        ("plan.roadmap.json", "peta"),
        ("docs/other.json", "unspecified"),
    ] {
        let out = repo.git(&["check-attr", "merge", "diff", "--", path]);
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            format!("{path}: merge: {expected}\n{path}: diff: {expected}\n")
        );
    }
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/roadmaps/spbe-2025-2029.json"
    ))
    .unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    repo.commit(sample, &value, "sample");
    // Different fields of one item on the two branches: line merging would conflict.
    let merge = branches_of(
        &repo,
        sample,
        |v| v["items"][1]["progress"] = json!(77),
        |v| v["items"][1]["owner"] = json!("BSSN"),
    );
    assert!(
        merge.status.success(),
        "{}",
        String::from_utf8_lossy(&merge.stderr)
    );
    let merged = repo.read(sample);
    assert_eq!(
        (
            &merged["items"][1]["progress"],
            &merged["items"][1]["owner"]
        ),
        (&json!(77), &json!("BSSN"))
    );
    let value = repo.read(sample);
    let mut changed = value.clone();
    changed["items"][0]["title"] = json!("Renamed");
    repo.save(sample, &changed);
    let diff = repo.git(&["diff"]);
    let text = String::from_utf8_lossy(&diff.stdout);
    assert!(text.starts_with(&format!("peta diff {sample}\n")), "{text}");
    assert!(text.contains("(renamed)"), "{text}");
}

#[test]
fn both_branches_adding_the_roadmap_merge_from_an_empty_base() {
    let repo = repository();
    let other = "new.roadmap.json";
    let mut ours = base_roadmap();
    ours["items"]
        .as_array_mut()
        .unwrap()
        .push(item("o", "2025-05-01", "2025-05-31", &[]));
    let mut theirs = base_roadmap();
    theirs["items"]
        .as_array_mut()
        .unwrap()
        .push(item("t", "2025-04-01", "2025-04-30", &["b"]));
    repo.git(&["checkout", "-q", "-b", "theirs"]);
    repo.commit(other, &theirs, "theirs adds");
    repo.git(&["checkout", "-q", "main"]);
    repo.commit(other, &ours, "ours adds");
    let merge = repo.run("git", &["merge", "-q", "--no-edit", "theirs"]);
    assert!(
        merge.status.success(),
        "{}",
        String::from_utf8_lossy(&merge.stderr)
    );
    assert_eq!(item_ids(&repo.read(other)), ["a", "b", "t", "o"]);
}

/// The default patterns cover `roadmaps/`, where a national portfolio lives beside its
/// members: the driver merges it as a portfolio (members by id), not as a roadmap.
#[test]
fn a_portfolio_in_the_roadmaps_folder_merges_as_a_portfolio() {
    let repo = repository();
    let file = "roadmaps/national/portfolio.json";
    std::fs::create_dir_all(repo.path().join("roadmaps/national")).unwrap();
    let portfolio = json!({
        "format": "peta-portfolio/1",
        "title": "National",
        "members": [{"id": "a", "path": "a.json"}, {"id": "b", "path": "b.json"}]
    });
    repo.commit(file, &portfolio, "portfolio");
    let merge = branches_of(
        &repo,
        file,
        |v| v["members"][0]["name"] = json!("Agency A"),
        |v| {
            v["members"][1]["path"] = json!("agencies/b.json");
            v["members"]
                .as_array_mut()
                .unwrap()
                .push(json!({"id": "c", "path": "c.json"}));
        },
    );
    assert!(
        merge.status.success(),
        "{}",
        String::from_utf8_lossy(&merge.stderr)
    );
    let merged = repo.read(file);
    assert_eq!(
        merged["members"],
        json!([
            {"id": "a", "path": "a.json", "name": "Agency A"},
            {"id": "b", "path": "agencies/b.json"},
            {"id": "c", "path": "c.json"}
        ])
    );
    // Still a portfolio: no roadmap lists were added.
    assert_eq!(merged["format"], json!("peta-portfolio/1"));
    assert!(merged.get("items").is_none() && merged.get("sectors").is_none());

    // The same member's path changed differently: the merge stops, ours is kept.
    repo.git(&["branch", "-q", "-D", "theirs"]);
    let conflict = branches_of(
        &repo,
        file,
        |v| v["members"][2]["path"] = json!("ours-c.json"),
        |v| v["members"][2]["path"] = json!("theirs-c.json"),
    );
    assert!(!conflict.status.success());
    assert_eq!(repo.read(file)["members"][2]["path"], json!("ours-c.json"));
}
