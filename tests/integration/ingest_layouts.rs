//! Ingest of each source layout: the founding example, wire layouts, saved
//! web pages, Markdown passed through, and legacy encodings.

use std::fs;

use crate::support::Site;

/// Runs `dateline ingest` on the site's `sources/` with extra arguments.
pub fn ingest(site: &Site, args: &[&str]) -> std::process::Output {
    assert_cmd::Command::cargo_bin("dateline")
        .unwrap()
        .current_dir(site.root())
        .arg("ingest")
        .args(args)
        .output()
        .unwrap()
}

/// The one content file under `content/` whose path contains `needle`.
pub fn content_file(site: &Site, needle: &str) -> String {
    let found: Vec<_> = walkdir::WalkDir::new(site.root().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file()
                && e.path().to_string_lossy().contains(needle)
                && e.path().extension().is_some_and(|x| x == "md")
        })
        .collect();
    assert_eq!(found.len(), 1, "content files matching {needle}: {found:?}");
    fs::read_to_string(found[0].path()).unwrap()
}

fn front_matter(text: &str) -> dateline::content::ArticleMeta {
    let split = dateline::frontmatter::split(text).unwrap();
    dateline::content::meta::parse_meta(split.yaml, std::path::Path::new("x.md"), 2).unwrap()
}

#[test]
fn the_founding_example_normalizes_as_expected() {
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/000_11a2904bc4289e89.txt");
    let Ok(text) = fs::read(&seed) else {
        eprintln!("skipped: {} is absent", seed.display());
        return;
    };
    let site = Site::new();
    fs::create_dir_all(site.root().join("sources")).unwrap();
    fs::write(site.root().join("sources/seed.txt"), text).unwrap();
    let out = ingest(&site, &["sources"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let file = content_file(&site, "2012/10/countering-al-qaida-in-mali-requires-regional-cooperation");
    let meta = front_matter(&file);
    assert_eq!(meta.title, "Countering al-Qaida in Mali Requires Regional Cooperation");
    assert_eq!(meta.authors, ["Jim Garamone"]);
    assert_eq!(meta.agency.as_deref(), Some("American Forces Press Service"));
    assert_eq!(meta.date.to_string(), "2012-10-24");
    assert_eq!(meta.dateline.as_deref(), Some("Washington"));
    for country in ["Mali", "Yemen", "Somalia", "Pakistan", "South Korea", "France", "Sudan"] {
        assert!(meta.countries.iter().any(|c| c == country), "{country} missing from {:?}", meta.countries);
    }
    for person in ["Leon E. Panetta", "Kim Kwan-jin"] {
        assert!(meta.people.iter().any(|p| p == person), "{person} missing from {:?}", meta.people);
    }
    assert!(!meta.people.iter().any(|p| p.contains("Garamone")), "the author is not a mentioned person");
    assert!(!meta.people.iter().any(|p| p.contains("Mali")), "{:?}", meta.people);
    let body = dateline::frontmatter::split(&file).unwrap().body;
    assert!(!body.contains("JOIN NOW") && !body.contains("mailing list"), "chrome left in the body:\n{body}");
    assert!(!body.contains("WASHINGTON, Oct. 24"), "the dateline moved to front matter");
    assert!(body.contains("\\[Federally Administered Tribal Areas of Pakistan\\]"), "brackets escaped");
    assert!(meta.summary.as_deref().unwrap().starts_with("Al-Qaida is establishing a presence in Mali"));
}

#[test]
fn wire_layout_with_indented_paragraphs_and_a_sign_off() {
    let site = Site::new();
    site.file(
        "sources/wire.txt",
        "GRAIN TALKS OPEN IN GENEVA\n\nGENEVA, March 26 - Trade ministers opened talks on\ngrain subsidies on Thursday, officials said.\n    Delegates from 40 nations attended the opening session,\nwhich was chaired by Swiss officials.\n Reuter\n",
    );
    let out = ingest(&site, &["sources", "--default-date", "1987-06-01"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let file = content_file(&site, "1987/03/");
    let meta = front_matter(&file);
    assert_eq!(meta.title, "Grain Talks Open in Geneva");
    assert_eq!(meta.date.to_string(), "1987-03-26");
    assert_eq!(meta.dateline.as_deref(), Some("Geneva"));
    assert_eq!(meta.agency.as_deref(), Some("Reuters"));
    assert!(meta.countries.contains(&"Switzerland".to_string()), "{:?}", meta.countries);
    let body = dateline::frontmatter::split(&file).unwrap().body;
    assert_eq!(body.trim().split("\n\n").count(), 2, "two paragraphs: {body}");
    assert!(!body.contains("Reuter\n"));
}

#[test]
fn associated_press_layout() {
    let site = Site::new();
    site.file("sources/ap.txt", "Malian troops retake northern town\n\nBy Jane Doe\n\nBAMAKO, Mali (AP) — Malian troops retook the town of Gao on Sunday, Col. Diarran Kone told reporters.\n\nThe army said rebels had fled north.\n");
    let out = ingest(&site, &["sources", "--default-date", "2013-01-27"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let meta = front_matter(&content_file(&site, "malian-troops"));
    assert_eq!(meta.agency.as_deref(), Some("Associated Press"));
    assert_eq!(meta.dateline.as_deref(), Some("Bamako"));
    assert_eq!(meta.countries.first().map(String::as_str), Some("Mali"));
    assert_eq!(meta.authors, ["Jane Doe"]);
    assert!(meta.people.contains(&"Diarran Kone".to_string()), "{:?}", meta.people);
    assert_eq!(meta.date.to_string(), "2013-01-27", "no date in the source: --default-date");
}

#[test]
fn a_saved_web_page_gives_its_article_without_the_page_around_it() {
    let site = Site::new();
    let page = r#"<!doctype html><html><head><title>Officials weigh Mali force | Example Gazette</title>
<meta property="og:site_name" content="Example Gazette"><meta property="article:published_time" content="2012-10-25T08:00:00Z">
<link rel="canonical" href="https://gazette.example.org/mali-force"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<div class="advert">Advertisement: buy our product</div>
<article><h1>Officials weigh Mali force</h1><p class="byline">By Ann Writer</p>
<p>PARIS, Oct. 25, 2012 — French officials met on Thursday to weigh an African-led force for northern Mali, where militants linked to al-Qaida hold the main towns.</p>
<p>Foreign Minister Laurent Fabius said France would provide training and logistics but no combat troops, and that the United Nations would have to approve the plan.</p>
<p>Diplomats expect the Security Council to vote on a resolution before the end of the year, officials in Paris said.</p></article>
<section class="comments"><p>Great article!</p></section><footer><p>Subscribe to our newsletter</p></footer></body></html>"#;
    site.file("sources/page.html", page);
    let out = ingest(&site, &["sources"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let file = content_file(&site, "2012/10/officials-weigh-mali-force");
    let meta = front_matter(&file);
    assert_eq!(meta.title, "Officials weigh Mali force");
    assert_eq!(meta.authors, ["Ann Writer"]);
    assert_eq!(meta.source.as_deref(), Some("https://gazette.example.org/mali-force"));
    assert_eq!(meta.dateline.as_deref(), Some("Paris"));
    assert!(meta.people.contains(&"Laurent Fabius".to_string()), "{:?}", meta.people);
    for country in ["France", "Mali"] {
        assert!(meta.countries.contains(&country.to_string()), "{:?}", meta.countries);
    }
    assert!(
        !file.contains("Great article") && !file.contains("Advertisement") && !file.contains("Subscribe"),
        "{file}"
    );
}

#[test]
fn a_page_whose_title_names_the_site_after_a_dash_keeps_its_headline() {
    let site = Site::new();
    // No og:site_name: trafilatura takes a part of the title with a period for the site name.
    let page = r#"<!doctype html><html><head><title>Minutes of the board meeting of 10.10.2019 &#8211; Example Club</title>
</head><body><h1>Minutes of the board meeting of 10.10.2019</h1><div class="entry-content">
<p>The board approved the minutes of the last meeting and the budget for the coming year after a short debate.</p>
<p>Johannes sends his draft of the new statutes to the members before the general assembly in spring.</p>
<p>The next meeting takes place in December at the usual place, and every member is welcome to attend it.</p></div></body></html>"#;
    site.file("sources/page.html", page);
    let out = ingest(&site, &["sources", "--default-date", "2019-10-10"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let meta = front_matter(&content_file(&site, "minutes-of-the-board-meeting"));
    assert_eq!(meta.title, "Minutes of the board meeting of 10.10.2019");
    assert_ne!(meta.agency.as_deref(), Some("Minutes of the board meeting of 10.10.2019"), "the title is no agency");
}

#[test]
fn ruby_readings_leave_the_text_after_them() {
    let site = Site::new();
    let page = r#"<!doctype html><html lang="ja"><head><title>法律ができる</title></head><body><article><h1>法律ができる</h1>
<p><ruby>子<rt>こ</rt></ruby>どもを<ruby>守<rt>まも</rt></ruby>るための<ruby>新<rt>あたら</rt></ruby>しい<ruby>法律<rt>ほうりつ</rt></ruby>ができて、<ruby>親<rt>おや</rt></ruby>が<ruby>子<rt>こ</rt></ruby>どもをたたくことを<ruby>禁止<rt>きんし</rt></ruby>することになりました。</p>
<p><ruby>国<rt>くに</rt></ruby>は<ruby>来年<rt>らいねん</rt></ruby>の４<ruby>月<rt>がつ</rt></ruby>から、この<ruby>法律<rt>ほうりつ</rt></ruby>を<ruby>始<rt>はじ</rt></ruby>めることにしています。<ruby>専門家<rt>せんもんか</rt></ruby>は、<ruby>大切<rt>たいせつ</rt></ruby>な<ruby>一歩<rt>いっぽ</rt></ruby>だと<ruby>話<rt>はな</rt></ruby>しています。</p>
</article></body></html>"#;
    site.file("sources/page.html", page);
    let out = ingest(&site, &["sources", "--default-date", "2019-06-24"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let file = fs::read_dir(site.root().join("content/2019/06")).unwrap().next().unwrap().unwrap().path();
    let text = fs::read_to_string(file).unwrap();
    let body = dateline::frontmatter::split(&text).unwrap().body;
    assert!(
        body.contains("子どもを守るための新しい法律ができて、親が子どもをたたくことを禁止することになりました。"),
        "{body}"
    );
    assert!(!body.contains("ほうりつ"), "the readings are not the text:\n{body}");
}

#[test]
fn a_dateline_without_a_year_takes_the_year_of_the_pages_own_date_not_the_file_time() {
    let site = Site::new();
    let page = r#"<!doctype html><html><head><title>Ministers meet on Mali</title>
<meta property="article:published_time" content="2012-03-27T08:00:00Z"></head><body>
<article><h1>Ministers meet on Mali</h1>
<p>PARIS, March 26 (Reuters) - Foreign ministers met on Monday to discuss the crisis in northern Mali, officials in Paris said after the talks.</p>
<p>They agreed to meet again next month, when a plan for an African-led force is expected to be ready for the Security Council.</p>
<p>The United Nations has asked for a detailed plan before it approves any force, diplomats in New York said on Monday.</p></article></body></html>"#;
    // Saved today: the file time says this year, the page says 2012.
    site.file("sources/page.html", page);
    let out = ingest(&site, &["sources", "--explain"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let meta = front_matter(&content_file(&site, "ministers-meet-on-mali"));
    assert_eq!(meta.date.to_string(), "2012-03-26", "the dateline's day in the page's year");
}

#[test]
fn a_dateline_without_a_year_is_the_last_such_day_before_the_file_was_saved() {
    let site = Site::new();
    let story = "OIL TALKS RESUME\n\nVIENNA, March 3 - Oil ministers met again on Tuesday to discuss output \
                 quotas for the second quarter, delegates said.\n\nThe talks are expected to last three days.\n";
    // A day the story's "March 3" is ~9 months behind, ~3 months ahead of.
    let saved: jiff::Timestamp = "2026-12-03T12:00:00Z".parse().unwrap();
    let saved = std::time::UNIX_EPOCH + std::time::Duration::from_secs(saved.as_second() as u64);
    for (name, at) in [("dec.txt", saved), ("mar.txt", saved - std::time::Duration::from_secs(276 * 86_400))] {
        site.file(&format!("sources/{name}"), story);
        fs::File::options().write(true).open(site.root().join("sources").join(name)).unwrap().set_modified(at).unwrap();
    }
    let out = ingest(&site, &["sources/dec.txt"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let meta = front_matter(&content_file(&site, "oil-talks-resume"));
    assert_eq!(meta.date.to_string(), "2026-03-03", "saved in December: that March, not the next");
    // Saved the day before the dateline's day (the wire's time zone is ahead), it stays that year.
    fs::remove_dir_all(site.root().join("content")).unwrap();
    let out = ingest(&site, &["sources/mar.txt"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let meta = front_matter(&content_file(&site, "oil-talks-resume"));
    assert_eq!(meta.date.to_string(), "2026-03-03");
}

#[test]
fn markdown_sources_are_validated_and_their_entities_filled_in() {
    let site = Site::new();
    site.file("sources/note.md", "---\ntitle: Aid reaches Mali\ndate: 2013-02-01\nregion: Sahel\n---\nAid convoys reached northern Mali on Friday, Malian officials said.\n");
    site.file("sources/broken.md", "---\ntitle: [oops\n---\nx\n");
    let out = ingest(&site, &["sources"]);
    assert_eq!(out.status.code(), Some(1), "the broken file fails the run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("broken.md") && stderr.contains("1 failed"), "{stderr}");
    let file = content_file(&site, "2013/02/note");
    assert!(file.contains("region: Sahel"), "unknown fields are kept: {file}");
    assert!(file.contains("countries:\n- Mali") || file.contains("countries: [Mali]"), "{file}");
}

#[test]
fn legacy_encodings_and_line_endings_are_converted() {
    let site = Site::new();
    let mut bytes = b"Caf\xE9 talks in S\xE3o Paulo\r\n\r\nBRASILIA, Oct. 3, 2012 - Ministers met at the caf\xE9, officials said \x93on Tuesday\x94.\r\n".to_vec();
    bytes.extend_from_slice(b"\r\nA second paragraph follows here.\r\n");
    fs::create_dir_all(site.root().join("sources")).unwrap();
    fs::write(site.root().join("sources/latin1.txt"), bytes).unwrap();
    fs::write(
        site.root().join("sources/bom.txt"),
        b"\xEF\xBB\xBFBOM headline here\n\nLONDON, Oct. 4, 2012 - Text with a byte-order mark.\n",
    )
    .unwrap();
    let out = ingest(&site, &["sources"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let file = content_file(&site, "cafe-talks");
    assert!(file.contains("title: Café talks in São Paulo"), "{file}");
    assert!(file.contains("“on Tuesday”") && !file.contains('\r'), "{file}");
    assert!(front_matter(&content_file(&site, "bom-headline")).title == "BOM headline here");
}

#[test]
fn binary_empty_and_other_files_are_skipped_with_a_reason() {
    let site = Site::new();
    fs::create_dir_all(site.root().join("sources")).unwrap();
    fs::write(site.root().join("sources/empty.txt"), "  \n").unwrap();
    fs::write(site.root().join("sources/photo.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    fs::write(site.root().join("sources/data.csv"), "a,b\n").unwrap();
    let out = ingest(&site, &["sources"]);
    assert!(out.status.success(), "skips are not failures");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("empty.txt: skipped: the file is empty"), "{stderr}");
    assert!(stderr.contains("photo.txt: skipped: the file is binary"), "{stderr}");
    assert!(stderr.contains("data.csv: skipped: not an article file"), "{stderr}");
    assert!(stderr.contains("3 skipped"), "{stderr}");
}

#[test]
fn in_a_batch_an_agency_line_shared_by_many_sources_is_still_the_agency() {
    let sources = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sources");
    let site = Site::new();
    let out = ingest(&site, &[sources.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let meta = front_matter(&content_file(&site, "countering-al-qaida-in-mali"));
    assert_eq!(meta.agency.as_deref(), Some("American Forces Press Service"));
    assert_eq!(meta.roles.get("Leon E. Panetta").map(String::as_str), Some("Defense Secretary"));
    assert_eq!(meta.roles.get("Kim Kwan-jin").map(String::as_str), Some("Minister of National Defense"));
}

#[test]
fn ingest_records_who_the_story_is_about_beside_everyone_named() {
    let site = Site::new();
    site.file(
        "sources/dollar.txt",
        "DOLLAR STEADIES AS TALKS NEAR\n\nWASHINGTON, March 26 - Treasury Secretary James Baker said on Monday the dollar had fallen far enough.\n\n\
         Baker told reporters the talks would resume next month in Paris, where finance ministers of the leading industrial nations meet again.\n\n\
         The accord was reached in February and has held for six weeks, traders said, although markets remained nervous about the trade figures.\n\n\
         Some traders recalled that former Fed chairman Paul Volcker had warned of a hard landing.\n",
    );
    let out = ingest(&site, &["sources", "--default-date", "1987-06-01", "--explain"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let meta = front_matter(&content_file(&site, "dollar-steadies"));
    assert_eq!(meta.people, ["James Baker", "Paul Volcker"]);
    assert_eq!(meta.people_about.as_deref(), Some(&["James Baker".to_string()][..]));
    let explain = String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert!(explain.contains("Paul Volcker (named in passing"), "{explain}");
}
