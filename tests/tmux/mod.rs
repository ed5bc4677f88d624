//! Driving the real `peta` binary in a tmux pane, for end-to-end tests (`mod tmux;`).
#![allow(dead_code)]

use std::process::Command;
use std::time::{Duration, Instant};

pub fn tmux(args: &[&str]) -> std::process::Output {
    Command::new("tmux").args(args).output().expect("tmux runs")
}

pub fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A tmux session, killed even when the test fails half-way.
pub struct Session(pub String);

impl Drop for Session {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.0])
            .output();
    }
}

impl Session {
    /// A detached 140x40 session running `command` (through the shell).
    pub fn start(name: &str, command: &str) -> Session {
        Session::start_sized(name, 140, 40, command)
    }

    /// A detached session of `width` x `height` cells running `command`, named `name` and this
    /// process's id (tests running at once do not meet).
    pub fn start_sized(name: &str, width: u16, height: u16, command: &str) -> Session {
        let name = format!("{name}-{}", std::process::id());
        let (width, height) = (width.to_string(), height.to_string());
        let output = tmux(&[
            "new-session",
            "-d",
            "-s",
            &name,
            "-x",
            &width,
            "-y",
            &height,
            command,
        ]);
        assert!(output.status.success(), "{output:?}");
        Session(name)
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&tmux(&["capture-pane", "-p", "-t", &self.0]).stdout).into_owned()
    }

    /// A tmux format variable of the pane, such as `alternate_on` or `cursor_flag`.
    pub fn pane(&self, variable: &str) -> String {
        let format = format!("#{{{variable}}}");
        let out = tmux(&["display-message", "-p", "-t", &self.0, &format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    pub fn keys(&self, keys: &[&str]) {
        // One key per call: tmux would otherwise send Esc and the next key as one Alt chord.
        for key in keys {
            tmux(&["send-keys", "-t", &self.0, key]);
            std::thread::sleep(Duration::from_millis(80));
        }
    }

    /// Types `text` literally, then Enter.
    pub fn line(&self, text: &str) {
        tmux(&["send-keys", "-t", &self.0, "-l", text]);
        tmux(&["send-keys", "-t", &self.0, "Enter"]);
    }

    /// `Ctrl-s`, waits for "saved ", then `q`, and waits for the command to report `exit=0`.
    pub fn save_and_quit(&self) {
        self.keys(&["C-s"]);
        self.wait_for("saved ");
        self.keys(&["q"]);
        self.wait_for("exit=0");
    }

    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "timed out waiting for {text:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// Waits until `check` holds (up to 20 s).
pub fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while !check() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out: {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
