//! A `hookscope listen` child on 127.0.0.1 port 0, and a plain HTTP/1.1
//! client over std's TcpStream. Every server is stopped by its own pid
//! (dropped: killed and waited for).

#![allow(dead_code, reason = "each test uses part of it")]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// A running `hookscope listen`.
pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    stdout: Option<JoinHandle<String>>,
    stderr: Option<JoinHandle<String>>,
    /// stdout as read so far.
    seen: Arc<Mutex<String>>,
}

/// What a stopped server printed.
pub struct Stopped {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Server {
    /// Starts `hookscope listen --port 0 ARGS` in `dir`, and reads the
    /// address from its first line on stderr.
    pub fn start(dir: &Path, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hookscope"))
            .args(["listen", "--port", "0", "--no-config"])
            .args(args)
            .current_dir(dir)
            .env_remove("CLICOLOR_FORCE")
            .env_remove("HOOKSCOPE_KEY")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("hookscope listen starts");
        let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
        let mut first = String::new();
        stderr.read_line(&mut first).expect("first stderr line");
        let Some(addr) = first.trim_end().strip_prefix("listening on http://") else {
            let _ = child.kill();
            let _ = child.wait();
            panic!("first stderr line: {first:?}");
        };
        let addr = addr.to_string();
        let seen = Arc::new(Mutex::new(String::new()));
        let stdout = child.stdout.take().expect("stdout");
        let shared = Arc::clone(&seen);
        let stdout = std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout);
            let mut line = String::new();
            while lines.read_line(&mut line).unwrap_or(0) > 0 {
                shared.lock().expect("lock").push_str(&line);
                line.clear();
            }
            shared.lock().expect("lock").clone()
        });
        let stderr = std::thread::spawn(move || {
            let mut rest = first;
            let _ = stderr.read_to_string(&mut rest);
            rest
        });
        Server {
            child,
            addr,
            stdout: Some(stdout),
            stderr: Some(stderr),
            seen,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// stdout so far.
    pub fn stdout_so_far(&self) -> String {
        self.seen.lock().expect("lock").clone()
    }

    /// Waits until stdout holds `lines` lines (at most 10 s).
    pub fn wait_for_lines(&self, lines: usize) -> String {
        for _ in 0..1000 {
            let seen = self.stdout_so_far();
            if seen.lines().count() >= lines {
                return seen;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        self.stdout_so_far()
    }

    /// Sends `signal` (`TERM`, `INT`) to this server, by its pid.
    pub fn signal(&self, signal: &str) {
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), &self.pid().to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success());
    }

    /// Sends SIGTERM and waits for the server to stop (at most 30 s).
    pub fn stop(mut self) -> Stopped {
        self.signal("TERM");
        self.wait_stopped()
    }

    /// Waits for a server already sent a signal to stop.
    pub fn stop_after_signal(mut self) -> Stopped {
        self.wait_stopped()
    }

    /// SIGKILL, as a crash would.
    pub fn kill9(mut self) -> Stopped {
        let _ = self.child.kill();
        self.wait_stopped()
    }

    fn wait_stopped(&mut self) -> Stopped {
        for _ in 0..3000 {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                let stdout = self
                    .stdout
                    .take()
                    .map(|h| h.join().expect("stdout"))
                    .unwrap_or_default();
                let stderr = self
                    .stderr
                    .take()
                    .map(|h| h.join().expect("stderr"))
                    .unwrap_or_default();
                return Stopped {
                    status,
                    stdout,
                    stderr,
                };
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        panic!("listen did not stop within 30 s");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: String,
}

/// Sends a raw request (`Connection: close` is added) and reads the answer.
pub fn raw(addr: &str, head: &str, body: &[u8]) -> std::io::Result<Answer> {
    let mut stream = connect(addr)?;
    stream.write_all(head.as_bytes())?;
    stream.write_all(b"Connection: close\r\n\r\n")?;
    stream.write_all(body)?;
    read_answer(&mut stream)
}

pub fn connect(addr: &str) -> std::io::Result<TcpStream> {
    let stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    stream.set_write_timeout(Some(Duration::from_secs(20)))?;
    Ok(stream)
}

/// Reads an answer to its end (the server closes: `Connection: close`).
pub fn read_answer(stream: &mut TcpStream) -> std::io::Result<Answer> {
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes)?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("no status line in {text:?}")))?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Ok(Answer { status, body })
}

/// POSTs `body` to `path` with `headers` (each `K: V`).
pub fn post(addr: &str, path: &str, headers: &[&str], body: &[u8]) -> Answer {
    let mut head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    );
    for header in headers {
        head.push_str(header);
        head.push_str("\r\n");
    }
    raw(addr, &head, body).expect("an answer")
}

/// A fresh scratch folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hookscope-15-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// The repository's samples folder.
pub fn sample(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name);
    std::fs::read(&path).expect("sample")
}

/// Runs `hookscope ARGS` to its end in `dir`.
pub fn hookscope(dir: &Path, args: &[&str]) -> Stopped {
    let out = Command::new(env!("CARGO_BIN_EXE_hookscope"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("HOOKSCOPE_KEY")
        .stdin(Stdio::null())
        .output()
        .expect("hookscope runs");
    Stopped {
        status: out.status,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}
