//! The binary: exit codes, the summary line, and messages a user sees.

use assert_cmd::Command;

use crate::support::Site;

fn dateline(site: &Site) -> Command {
    let mut cmd = Command::cargo_bin("dateline").unwrap();
    cmd.current_dir(site.root());
    cmd
}

#[test]
fn build_ends_with_one_summary_line_and_exit_0() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "countries: [Mali]");
    let out = dateline(&site).arg("build").output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let last = stderr.lines().last().unwrap();
    assert!(last.starts_with("1 article →") && last.contains(" pages in ") && last.contains(" s "), "{last}");
}

#[test]
fn base_url_option_overrides_the_config() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "");
    dateline(&site).args(["build", "--base-url", "https://example.org/sub"]).assert().success();
    assert!(site.page("/atom.xml").contains("https://example.org/sub/2012/10/a/"));
    assert!(site.page("/").contains("href=\"/sub/2012/10/a/\""));
    dateline(&site).args(["build", "--base-url", "example.org"]).assert().code(1);
}

#[test]
fn a_missing_content_folder_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("dateline").unwrap().current_dir(dir.path()).arg("build").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains("content folder does not exist"));
}

#[test]
fn root_option_builds_another_folder() {
    let site = Site::new();
    site.story("a", "A", "2012-10-01", "");
    Command::cargo_bin("dateline").unwrap().args(["--root"]).arg(site.root()).arg("build").assert().success();
    assert!(site.exists("/2012/10/a/"));
}
