//! Roadmaps from git history: `REV:PATH` read with `git show` (for `peta diff` and baselines).

use crate::model::Roadmap;
use std::path::Path;
use std::process::Command;

/// Reads a roadmap from a file, from `git show REV:PATH`, or (for git's external diff of an
/// added or deleted file) `/dev/null` as an empty roadmap. The error is in `lang` (git's own
/// words stay as git wrote them).
pub fn load_source(source: &str, lang: crate::i18n::Lang) -> Result<Roadmap, String> {
    if source == "/dev/null" {
        return Ok(Roadmap::default());
    }
    let path = Path::new(source);
    if path.exists() || !source.contains(':') {
        return super::load(path)
            .map(|loaded| loaded.roadmap)
            .map_err(|err| err.render(lang));
    }
    let output = Command::new("git")
        .arg("show")
        .arg(source)
        .output()
        .map_err(|err| crate::tr!(lang, RevCannotRunGit, source = source, error = err))?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr);
        let message = message.trim().replace('\n', "; ");
        return Err(crate::tr!(
            lang,
            RevGitShowFailed,
            source = source,
            error = message
        ));
    }
    super::parse(path, &output.stdout).map_err(|err| err.render(lang))
}
