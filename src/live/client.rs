//! The HTTP/1.1 client of `replay` and `listen --forward-to`: a POST of
//! bytes as they are, over one kept-alive connection per sender, on
//! hyper's client connection. Plain `http://` only: a local service, or a
//! tunnel or proxy that terminates TLS.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::{self, SendRequest};
use hyper::header::{CONTENT_LENGTH, CONTENT_TYPE, HOST, HeaderName, HeaderValue};
use hyper::{Method, Request};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// Where requests go: parsed once from the URL.
#[derive(Debug, Clone)]
pub struct Target {
    /// `host:port`, for connecting.
    address: String,
    /// The `Host` header.
    host: HeaderValue,
    /// Path and query.
    path: String,
}

impl Target {
    /// Parses an `http://` URL; any other scheme is refused with the reason.
    pub fn parse(text: &str) -> Result<Self> {
        let url = url::Url::parse(text).with_context(|| format!("`{text}` is not a URL"))?;
        match url.scheme() {
            "http" => {}
            "https" => bail!(
                "`{text}`: https is not supported; send to a plain http:// address (a local service, or a tunnel or proxy that terminates TLS)"
            ),
            other => bail!("`{text}`: the scheme {other}: is not supported; use http://"),
        }
        let host = url
            .host_str()
            .ok_or_else(|| anyhow!("`{text}` has no host"))?;
        let port = url.port_or_known_default().unwrap_or(80);
        let authority = match url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_string(),
        };
        let mut path = url.path().to_string();
        if let Some(query) = url.query() {
            path = format!("{path}?{query}");
        }
        Ok(Target {
            address: format!("{host}:{port}"),
            host: HeaderValue::from_str(&authority)
                .with_context(|| format!("`{text}`: bad host"))?,
            path,
        })
    }
}

/// What the receiver answered, and how long it took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub latency: Duration,
}

/// Sends to one target over a connection kept between requests.
#[derive(Debug)]
pub struct Sender {
    target: Target,
    headers: Vec<(HeaderName, HeaderValue)>,
    timeout: Duration,
    connection: Option<SendRequest<Full<Bytes>>>,
}

impl Sender {
    /// A sender adding `headers` to every request.
    pub fn new(target: Target, headers: Vec<(HeaderName, HeaderValue)>, timeout: Duration) -> Self {
        Sender {
            target,
            headers,
            timeout,
            connection: None,
        }
    }

    /// POSTs `body` with `content_type`; the latency counts from the start
    /// of the request to the end of the response body.
    pub async fn post(&mut self, body: Bytes, content_type: &HeaderValue) -> Result<Answer> {
        let start = Instant::now();
        let answer = tokio::time::timeout(self.timeout, self.exchange(body, content_type)).await;
        let status = match answer {
            Ok(Ok(status)) => status,
            Ok(Err(err)) => {
                self.connection = None;
                return Err(err);
            }
            Err(_) => {
                self.connection = None;
                bail!("no answer within {} s", self.timeout.as_secs_f64());
            }
        };
        Ok(Answer {
            status,
            latency: start.elapsed(),
        })
    }

    async fn exchange(&mut self, body: Bytes, content_type: &HeaderValue) -> Result<u16> {
        let request = self.request(body, content_type)?;
        let reused = self.connection.is_some();
        let address = self.target.address.clone();
        let failed = || format!("{address}: request failed");
        let response = match self.ready().await?.try_send_request(request).await {
            Ok(response) => response,
            // The kept connection closed before the request went out:
            // once more, on a new one (never a request that was sent).
            Err(mut err) => match (reused, err.take_message()) {
                (true, Some(request)) => {
                    self.connection = None;
                    let connection = self.ready().await?;
                    connection
                        .send_request(request)
                        .await
                        .with_context(failed)?
                }
                _ => return Err(anyhow::Error::new(err.into_error()).context(failed())),
            },
        };
        let status = response.status().as_u16();
        // Read the answer whole, so that the connection can be used again.
        response
            .into_body()
            .collect()
            .await
            .with_context(|| format!("{}: answer cut short", self.target.address))?;
        Ok(status)
    }

    fn request(&self, body: Bytes, content_type: &HeaderValue) -> Result<Request<Full<Bytes>>> {
        let mut request = Request::builder()
            .method(Method::POST)
            .uri(self.target.path.as_str())
            .header(HOST, self.target.host.clone())
            .header(CONTENT_TYPE, content_type.clone())
            .header(CONTENT_LENGTH, body.len())
            .body(Full::new(body))
            .context("cannot build the request")?;
        for (name, value) in &self.headers {
            request.headers_mut().insert(name.clone(), value.clone());
        }
        Ok(request)
    }

    /// The kept connection when it can take a request, else a new one.
    async fn ready(&mut self) -> Result<&mut SendRequest<Full<Bytes>>> {
        let usable = match &mut self.connection {
            Some(connection) => connection.ready().await.is_ok(),
            None => false,
        };
        if !usable {
            self.connection = Some(connect(&self.target.address).await?);
        }
        self.connection
            .as_mut()
            .ok_or_else(|| anyhow!("no connection"))
    }
}

async fn connect(address: &str) -> Result<SendRequest<Full<Bytes>>> {
    let stream = TcpStream::connect(address)
        .await
        .context(Unreachable(address.to_string()))?;
    let _ = stream.set_nodelay(true);
    let (sender, connection) = http1::handshake(TokioIo::new(stream))
        .await
        .with_context(|| format!("{address}: HTTP handshake failed"))?;
    tokio::spawn(connection);
    Ok(sender)
}

/// No connection could be made to the target (as opposed to a request
/// that failed or got no answer in time).
#[derive(Debug)]
pub struct Unreachable(String);

impl std::fmt::Display for Unreachable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot connect to {}", self.0)
    }
}

/// Whether `err` says the target could not be reached.
pub fn is_unreachable(err: &anyhow::Error) -> bool {
    err.downcast_ref::<Unreachable>().is_some()
}

/// `K: V` as given to `--header`.
pub fn parse_header(text: &str) -> Result<(HeaderName, HeaderValue), String> {
    let (name, value) = text
        .split_once(':')
        .ok_or_else(|| format!("`{text}` is not a header like 'X-Name: value'"))?;
    let name = HeaderName::from_bytes(name.trim().as_bytes())
        .map_err(|_| format!("`{}` is not a header name", name.trim()))?;
    let value = HeaderValue::from_str(value.trim())
        .map_err(|_| format!("the value of `{name}` is not a header value"))?;
    Ok((name, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_plain_http() {
        let target = Target::parse("http://127.0.0.1:9000/hooks?x=1").expect("parses");
        assert_eq!(target.address, "127.0.0.1:9000");
        assert_eq!(target.host, "127.0.0.1:9000");
        assert_eq!(target.path, "/hooks?x=1");
        let target = Target::parse("http://localhost").expect("parses");
        assert_eq!(
            (target.address.as_str(), target.path.as_str()),
            ("localhost:80", "/")
        );
        let target = Target::parse("http://[::1]:81/").expect("parses");
        assert_eq!(target.address, "[::1]:81");
        let err = Target::parse("https://example.com/").expect_err("https");
        assert!(err.to_string().contains("https is not supported"), "{err}");
        assert!(Target::parse("not a url").is_err());
    }

    #[test]
    fn headers_are_name_colon_value() {
        let (name, value) = parse_header("X-Test:  a b ").expect("parses");
        assert_eq!(
            (name.as_str(), value.to_str().ok()),
            ("x-test", Some("a b"))
        );
        assert!(parse_header("no colon").is_err());
        assert!(parse_header("bad name: x").is_err());
    }
}
