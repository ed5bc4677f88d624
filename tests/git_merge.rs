//! peta as git's merge driver and diff command, in real temporary repositories: set up with
//! `peta git-setup --install`, then `git merge` and `git diff` run the built binary.

use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Output};

const PETA: &str = env!("CARGO_BIN_EXE_peta");
const FILE: &str = "plan.roadmap.json";

fn run(dir: &Path, program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn git(dir: &Path, args: &[&str]) -> Output {
    let out = run(dir, "git", args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn item(id: &str, start: &str, end: &str, deps: &[&str]) -> Value {
    json!({"id": id, "title": id.to_uppercase(), "kind": "initiative", "sector": "s",
           "start": start, "end": end, "progress": 0, "depends_on": deps})
}

fn base_roadmap() -> Value {
    json!({
        "format": "peta-roadmap/1", "title": "T", "start": "2025-01-01", "end": "2025-12-31",
        "currency": "IDR", "sectors": [{"id": "s", "name": "S"}], "funding_schemes": [],
        "items": [item("a", "2025-01-01", "2025-01-31", &[]), item("b", "2025-02-01", "2025-02-28", &["a"])]
    })
}

fn save(dir: &Path, value: &Value) {
    std::fs::write(
        dir.join(FILE),
        serde_json::to_string_pretty(value).unwrap() + "\n",
    )
    .unwrap();
}

fn read(dir: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join(FILE)).unwrap()).unwrap()
}

/// A repository with the roadmap committed on `main` and peta installed as driver.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"]);
    git(root, &["config", "user.name", "Test"]);
    git(root, &["config", "user.email", "test@example.com"]);
    let out = run(root, PETA, &["git-setup", "--install", "--command", PETA]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Installing twice changes nothing.
    let out = run(root, PETA, &["git-setup", "--install", "--command", PETA]);
    assert!(String::from_utf8_lossy(&out.stdout)
        .contains("already has `*.roadmap.json diff=peta merge=peta`"));
    assert_eq!(
        std::fs::read_to_string(root.join(".gitattributes")).unwrap(),
        "*.roadmap.json diff=peta merge=peta\n"
    );
    let drivers = git(root, &["config", "--get-all", "merge.peta.driver"]);
    assert_eq!(String::from_utf8_lossy(&drivers.stdout).lines().count(), 1);
    save(root, &base_roadmap());
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "base"]);
    dir
}

/// Branch `theirs` changes the roadmap with `theirs`, `main` with `ours`; returns the merge.
fn branches(root: &Path, ours: impl Fn(&mut Value), theirs: impl Fn(&mut Value)) -> Output {
    git(root, &["checkout", "-q", "-b", "theirs"]);
    let mut value = base_roadmap();
    theirs(&mut value);
    save(root, &value);
    git(root, &["commit", "-q", "-am", "theirs"]);
    git(root, &["checkout", "-q", "main"]);
    let mut value = base_roadmap();
    ours(&mut value);
    save(root, &value);
    git(root, &["commit", "-q", "-am", "ours"]);
    run(root, "git", &["merge", "-q", "--no-edit", "theirs"])
}

#[test]
fn git_merge_combines_edits_to_one_roadmap_through_the_driver() {
    let dir = repository();
    let root = dir.path();
    let merge = branches(
        root,
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
    let merged = read(root);
    let ids: Vec<&str> = merged["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a", "t", "b", "o"]);
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
    let fmt = run(root, PETA, &["fmt", "--check", FILE]);
    assert!(
        fmt.status.success(),
        "{}",
        String::from_utf8_lossy(&fmt.stdout)
    );
}

#[test]
fn a_real_conflict_stops_git_merge_with_the_conflict_recorded() {
    let dir = repository();
    let root = dir.path();
    let merge = branches(
        root,
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
    let status = git(root, &["status", "--porcelain"]);
    assert!(String::from_utf8_lossy(&status.stdout).contains(&format!("UU {FILE}")));
    let merged = read(root);
    assert_eq!(merged["items"][1]["end"], "2025-03-10"); // ours kept, no conflict markers
    assert_eq!(
        merged["conflicts"],
        json!([{"item": "b", "field": "end", "base": "2025-02-28", "ours": "2025-03-10",
                "theirs": "2025-03-20", "reason": "changed differently on both sides"}])
    );
    let check = run(root, PETA, &["check", FILE]);
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stdout).contains("item \"b\": end: merge conflict"));
}

#[test]
fn a_merge_that_closes_a_cycle_stops_with_a_conflict() {
    let dir = repository();
    let root = dir.path();
    let merge = branches(
        root,
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
    let merged = read(root);
    assert_eq!(
        merged["conflicts"][0]["reason"],
        "the merge closes a dependency cycle: a -> b -> c -> a"
    );
}

#[test]
fn git_diff_shows_the_semantic_diff() {
    let dir = repository();
    let root = dir.path();
    let mut value = base_roadmap();
    value["items"][1]["end"] = json!("2025-03-10");
    save(root, &value);
    let diff = git(root, &["diff"]);
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
    std::fs::write(root.join("broken.roadmap.json"), "{").unwrap();
    git(root, &["add", "broken.roadmap.json"]);
    let diff = git(root, &["diff", "--cached"]);
    let text = String::from_utf8_lossy(&diff.stdout);
    assert!(
        text.contains("peta diff broken.roadmap.json: cannot compare the roadmaps\n"),
        "{text}"
    );
    git(root, &["rm", "-q", "--cached", "broken.roadmap.json"]);
    // A whole new roadmap file diffs against nothing.
    std::fs::copy(root.join(FILE), root.join("other.roadmap.json")).unwrap();
    git(root, &["add", "other.roadmap.json"]);
    let diff = git(root, &["diff", "--cached"]);
    let text = String::from_utf8_lossy(&diff.stdout);
    assert!(text.contains("  + a \"A\" (added)"), "{text}");
}

#[test]
fn git_setup_prints_the_setup_for_a_pattern_and_appends_only_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let out = run(root, PETA, &["git-setup", "--pattern", "plans/*.json"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "# .gitattributes\nplans/*.json diff=peta merge=peta\n\n# git config (run in the repository)\n\
         git config diff.peta.command 'peta diff'\n\
         git config merge.peta.name 'peta: merge roadmaps by item id and field'\n\
         git config merge.peta.driver 'peta merge %O %A %B -o %A --name %P'\n"
    );
    // A path with a space is quoted for the shell git runs the driver through.
    let out = run(
        root,
        PETA,
        &["git-setup", "--command", "/opt/my tools/peta"],
    );
    assert!(String::from_utf8_lossy(&out.stdout)
        .contains(r"git config diff.peta.command ''\''/opt/my tools/peta'\'' diff'"));
    let out = run(root, PETA, &["git-setup", "--pattern", "a b"]);
    assert_eq!(out.status.code(), Some(2));
    // Installing keeps the existing lines (even without a final newline) and adds ours once.
    git(root, &["init", "-q"]);
    std::fs::write(root.join(".gitattributes"), "*.png binary").unwrap();
    for _ in 0..2 {
        let out = run(
            root,
            PETA,
            &["git-setup", "--install", "--pattern", "plans/*.json"],
        );
        assert!(out.status.success());
    }
    assert_eq!(
        std::fs::read_to_string(root.join(".gitattributes")).unwrap(),
        "*.png binary\nplans/*.json diff=peta merge=peta\n"
    );
    let command = git(root, &["config", "--get-all", "diff.peta.command"]);
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

#[test]
fn both_branches_adding_the_roadmap_merge_from_an_empty_base() {
    let dir = repository();
    let root = dir.path();
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
    git(root, &["checkout", "-q", "-b", "theirs"]);
    std::fs::write(root.join(other), theirs.to_string()).unwrap();
    git(root, &["add", other]);
    git(root, &["commit", "-q", "-m", "theirs adds"]);
    git(root, &["checkout", "-q", "main"]);
    std::fs::write(root.join(other), ours.to_string()).unwrap();
    git(root, &["add", other]);
    git(root, &["commit", "-q", "-m", "ours adds"]);
    let merge = run(root, "git", &["merge", "-q", "--no-edit", "theirs"]);
    assert!(
        merge.status.success(),
        "{}",
        String::from_utf8_lossy(&merge.stderr)
    );
    let merged: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join(other)).unwrap()).unwrap();
    let ids: Vec<&str> = merged["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a", "b", "t", "o"]);
}
