//! Copies the content files the crate includes (`content/lessons.ini`,
//! `content/strategies.ini`) into `OUT_DIR` without their `#` comment
//! lines: the comments document the files for their writers, and the app
//! would otherwise carry them as bytes nobody reads. The INI reader skips
//! comment lines, so what is parsed is the same.

use std::path::Path;
use std::{env, fs, io};

fn main() -> io::Result<()> {
    let out = env::var_os("OUT_DIR").ok_or_else(|| io::Error::other("OUT_DIR is not set"))?;
    for name in ["lessons.ini", "strategies.ini"] {
        let source = Path::new("../../content").join(name);
        println!("cargo::rerun-if-changed={}", source.display());
        let kept: String = fs::read_to_string(&source)?
            .lines()
            .filter(|line| !line.trim_start().starts_with('#'))
            .flat_map(|line| [line, "\n"])
            .collect();
        fs::write(Path::new(&out).join(name), kept)?;
    }
    Ok(())
}
