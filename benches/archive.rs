//! Times `Archive::build` (the step every rebuild repeats) on a generated
//! archive: `cargo bench --bench archive -- DIR` where DIR is a site made by
//! `../shared/tools/gen_corpus.py --flavor plain`.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use dateline::archive::Archive;
use dateline::config::SitePaths;
use dateline::content::{self, markdown::RawHtml};

fn main() {
    let dir = std::env::args().skip(1).find(|a| !a.starts_with('-')).map(PathBuf::from);
    let Some(dir) = dir else {
        eprintln!("usage: cargo bench --bench archive -- SITE_DIR");
        return;
    };
    let paths = SitePaths::new(&dir, None);
    let (files, _) = content::list_files(&paths);
    let articles: Vec<Arc<content::Article>> =
        files.iter().filter_map(|f| content::load_file(&paths, f, RawHtml::Escape).ok()).map(Arc::new).collect();
    let mut times = Vec::new();
    for _ in 0..15 {
        let started = Instant::now();
        let archive = Archive::build(articles.clone(), 5);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(archive);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    if std::env::args().any(|a| a == "--steps") {
        use dateline::archive::{PerTaxonomy, Taxonomy, TermIndex, relations};
        let t = Instant::now();
        let mut terms: PerTaxonomy<TermIndex> = Default::default();
        let mut terms_of: Vec<PerTaxonomy<Vec<usize>>> = vec![Default::default(); articles.len()];
        for tax in Taxonomy::ALL {
            let names: Vec<&[String]> = articles.iter().map(|a| tax.names(&a.meta)).collect();
            let (index, per, _) = TermIndex::build(&names);
            for (id, ids) in per.into_iter().enumerate() {
                terms_of[id][tax] = ids;
            }
            terms[tax] = index;
        }
        println!("terms {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        std::hint::black_box(relations::related_articles(&terms_of, &terms, 5));
        println!("related {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        std::hint::black_box(Taxonomy::ALL.map(|tax| relations::co_occurring(tax, &terms_of, &terms, 10)));
        println!("co-occurring {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "Archive::build on {} articles: median {:.1} ms, min {:.1} ms",
        articles.len(),
        times[times.len() / 2],
        times[0]
    );
}
