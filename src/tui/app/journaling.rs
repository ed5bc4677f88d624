//! Where recovery-journal writes run: inline (tests: deterministic), or on one worker thread
//! (the running app), so serializing and flushing a large roadmap to disk never stalls the
//! screen. Jobs run in the order given, so a removal after a save can never be undone by an
//! older write still queued.

use crate::i18n::Text;
use crate::model::Roadmap;
use crate::store::journal::{JournalKey, Slot};
use crate::store::Fingerprint;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::thread::JoinHandle;

pub enum Job {
    /// Write the current journal; then, if that worked, remove `then_remove` (a kept journal
    /// that was just restored into this session).
    Write {
        key: JournalKey,
        base: Option<Fingerprint>,
        roadmap: Box<Roadmap>,
        then_remove: Option<Slot>,
    },
    /// Remove a journal; failing to is not worth bothering the planner about.
    Remove { key: JournalKey, slot: Slot },
}

#[derive(Default)]
pub struct Journaler {
    worker: Option<Worker>,
}

struct Worker {
    jobs: Option<Sender<Job>>,
    /// Failures as texts: rendered on the UI thread, in its language (the worker has none).
    errors: Receiver<Text>,
    thread: Option<JoinHandle<()>>,
}

impl Journaler {
    /// From now on, jobs run on a worker thread. Falls back to inline if no thread can start.
    pub fn start_background(&mut self) {
        if self.worker.is_some() {
            return;
        }
        let (jobs, inbox) = channel::<Job>();
        let (report, errors) = channel();
        let thread = std::thread::Builder::new()
            .name("peta-journal".into())
            .spawn(move || {
                for job in inbox {
                    if let Err(err) = run(job) {
                        let _ = report.send(err);
                    }
                }
            });
        if let Ok(thread) = thread {
            self.worker = Some(Worker {
                jobs: Some(jobs),
                errors,
                thread: Some(thread),
            });
        }
    }

    /// Runs the job now (inline) or queues it; an inline failure comes back at once, a queued
    /// one later from `take_error`.
    pub fn submit(&mut self, job: Job) -> Result<(), Text> {
        match self.worker.as_ref().and_then(|w| w.jobs.as_ref()) {
            Some(jobs) => match jobs.send(job) {
                Ok(()) => Ok(()),
                Err(failed) => run(failed.0),
            },
            None => run(job),
        }
    }

    /// A failure of a queued job since the last call.
    pub fn take_error(&mut self) -> Option<Text> {
        self.worker.as_ref()?.errors.try_iter().last()
    }

    /// Waits for every queued job (before the program exits).
    pub fn finish(&mut self) {
        if let Some(mut worker) = self.worker.take() {
            worker.stop();
        }
    }
}

impl Worker {
    fn stop(&mut self) {
        // Closing the channel ends the worker's loop once the queue is done.
        self.jobs.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.stop();
    }
}

fn run(job: Job) -> Result<(), Text> {
    match job {
        Job::Write {
            key,
            base,
            roadmap,
            then_remove,
        } => {
            key.write(base, &roadmap).map_err(|err| {
                crate::text!(
                    MsgCannotWriteJournal,
                    path = key.path(Slot::Current).display(),
                    error = err
                )
            })?;
            if let Some(slot) = then_remove {
                let _ = key.remove(slot);
            }
            Ok(())
        }
        Job::Remove { key, slot } => {
            let _ = key.remove(slot);
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn write(key: &JournalKey) -> Job {
        Job::Write {
            key: key.clone(),
            base: None,
            roadmap: Box::default(),
            then_remove: None,
        }
    }

    #[test]
    fn queued_jobs_run_in_order_and_finish_waits_for_them() {
        let dir = tempfile::tempdir().unwrap();
        let key = JournalKey::new(dir.path(), None);
        let mut journaler = Journaler::default();
        journaler.start_background();
        for _ in 0..20 {
            journaler.submit(write(&key)).unwrap();
        }
        journaler
            .submit(Job::Remove {
                key: key.clone(),
                slot: Slot::Current,
            })
            .unwrap();
        journaler.finish();
        // The removal came last, after every write: nothing left.
        assert!(!key.path(Slot::Current).exists());
        // Finished: jobs run inline again.
        journaler.submit(write(&key)).unwrap();
        assert!(key.path(Slot::Current).exists());
    }

    #[test]
    fn a_failed_queued_write_is_reported_later() {
        let dir = tempfile::tempdir().unwrap();
        // The data folder is a file: no recovery folder can be made in it.
        let blocker = dir.path().join("data");
        std::fs::write(&blocker, "").unwrap();
        let key = JournalKey::new(&blocker, None);
        let mut journaler = Journaler::default();
        assert!(journaler.submit(write(&key)).is_err(), "inline: at once");
        journaler.start_background();
        assert!(journaler.submit(write(&key)).is_ok(), "queued");
        let start = Instant::now();
        let err = loop {
            if let Some(err) = journaler.take_error() {
                break err;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no error reported"
            );
            std::thread::sleep(Duration::from_millis(10));
        };
        let english = err.to_string();
        assert!(
            english.starts_with("cannot write the recovery journal "),
            "{english}"
        );
        assert!(english.ends_with("; save often"), "{english}");
        let indonesian = err.render(crate::i18n::Lang::Id);
        assert!(
            indonesian.starts_with("jurnal pemulihan ")
                && indonesian.ends_with("; sering-seringlah menyimpan"),
            "{indonesian}"
        );
    }
}
