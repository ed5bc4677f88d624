//! Roadmaps from git history: `REV:PATH` read with `git show` (for `peta diff` and baselines).

use crate::model::Roadmap;
use std::path::Path;
use std::process::Command;

/// Reads a roadmap from a file, from `git show REV:PATH`, or (for git's external diff of an
/// added or deleted file) `/dev/null` as an empty roadmap.
pub fn load_source(source: &str) -> Result<Roadmap, String> {
    if source == "/dev/null" {
        return Ok(Roadmap::default());
    }
    let path = Path::new(source);
    if path.exists() || !source.contains(':') {
        return super::load(path)
            .map(|loaded| loaded.roadmap)
            .map_err(|err| err.to_string());
    }
    let output = Command::new("git")
        .arg("show")
        .arg(source)
        .output()
        .map_err(|err| format!("{source}: cannot run git: {err}"))?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr);
        return Err(format!(
            "{source}: git show failed: {}",
            message.trim().replace('\n', "; ")
        ));
    }
    super::parse(path, &output.stdout).map_err(|err| err.to_string())
}
