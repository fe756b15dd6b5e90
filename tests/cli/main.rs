//! The command line on small scratch sites: bad input, hardening, `serve` over HTTP,
//! `new`, `lint`, `synth`, the installed binary and the workflows; and the workspace's size
//! rule. One test binary, so the workspace is linked once for all of them.

#[path = "../common/mod.rs"]
mod common;

mod bad_input;
mod hardening;
mod installed;
mod lint;
mod new_edition;
mod serve_http;
mod synth;
mod workflows;
mod workspace;
