//! Entity extraction on the traps the issue names, through the library.

use dateline::extract::{Extractor, Story, Vocabularies};

fn extract(title: &str, body: &str, dateline: Option<&str>) -> dateline::extract::Entities {
    let extractor = Extractor::new(&Vocabularies::defaults());
    extractor.extract(&Story { title, body, dateline_city: dateline, dateline_region: None, authors: &[] })
}

/// Every country a text names (before deciding which the story is about).
fn countries(body: &str) -> Vec<String> {
    let extractor = Extractor::new(&Vocabularies::defaults());
    let mut names: Vec<String> = extractor.countries().mentions(body).into_iter().map(|m| m.country).collect();
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(n.clone()));
    names
}

/// The countries kept for the front matter.
fn salient(body: &str) -> Vec<String> {
    extract("Report", body, None).countries.into_iter().map(|f| f.name).collect()
}

#[test]
fn aliases_and_demonyms_map_to_canonical_names() {
    assert_eq!(countries("The U.S. and the USA and the United States and America agreed."), ["United States"]);
    assert_eq!(countries("Britain and the U.K. agreed."), ["United Kingdom"]);
    assert_eq!(countries("South Korean and Malian officials met French diplomats."), ["South Korea", "Mali", "France"]);
}

#[test]
fn passing_mentions_do_not_tag_a_story_but_a_regional_story_keeps_them() {
    let one_place = "Exports rose in March, officials said.\n\nThe company also has an office in Luxembourg.";
    assert!(salient(one_place).is_empty(), "a single passing mention after the lead");
    let regional = "Al-Qaida grows in Mali, officials said.\n\nIt did so in Yemen. And in Somalia. And in Pakistan. Near Sudan too.";
    assert_eq!(salient(regional), ["Mali", "Yemen", "Somalia", "Pakistan", "Sudan"]);
    assert!(
        salient("Talks went on.\n\nJapanese banks and Britain, France and Italy were cited.").is_empty(),
        "lists and bare demonyms"
    );
    assert_eq!(
        salient("Talks went on.\n\nBritain said so, and Britain said it again."),
        ["United Kingdom"],
        "two mentions count"
    );
    let regional =
        "Mali talks went on.\n\nThe French Ministry hosted them with Chad, Niger and Ghana watching. Senegal too.";
    assert!(salient(regional).contains(&"France".to_string()), "a demonym naming a state's institution counts");
}

#[test]
fn the_dateline_city_gives_a_country() {
    let e = extract("Report", "Officials met.", Some("SEOUL"));
    assert_eq!(e.countries[0].name, "South Korea");
    assert!(e.countries[0].evidence[0].contains("dateline"));
}

#[test]
fn georgia_jordan_chad_turkey_niger_new_mexico_and_guinea_traps() {
    assert!(countries("Storms hit Atlanta, Georgia, on Monday.").is_empty(), "Georgia the US state");
    assert_eq!(countries("Georgia's parliament met in Tbilisi."), ["Georgia"]);
    assert!(countries("Michael Jordan and Chad Hurley spoke.").is_empty(), "given names");
    assert_eq!(countries("Refugees crossed from Chad into Jordan."), ["Chad", "Jordan"]);
    assert!(countries("Turkey dinners cost more this Thanksgiving.").is_empty(), "the bird");
    assert_eq!(countries("Nigerian and Nigerien officials met."), ["Nigeria", "Niger"]);
    assert!(countries("Wildfires spread in New Mexico.").is_empty());
    assert_eq!(
        countries("Papua New Guinea, Guinea-Bissau and Equatorial Guinea."),
        ["Papua New Guinea", "Guinea-Bissau", "Equatorial Guinea"]
    );
}

#[test]
fn people_come_from_titles_and_speech_not_from_places_or_organisations() {
    let e = extract(
        "Panetta meets Kim",
        "Defense Secretary Leon E. Panetta met South Korean Minister of National Defense Kim Kwan-jin. \"We agree,\" Panetta said. The State Department and the Economic Community of West African States said in March that Mali would lead.",
        None,
    );
    let people: Vec<&str> = e.people.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(people, ["Leon E. Panetta", "Kim Kwan-jin"]);
}

#[test]
fn topics_need_more_than_one_passing_word() {
    let one = extract("Budget talks", "A terrorist was mentioned once.", None);
    assert!(!one.topics.iter().any(|t| t.name == "terrorism"));
    let many = extract("Terrorism threat grows", "The terrorist group al-Qaida expanded.", None);
    assert!(many.topics.iter().any(|t| t.name == "terrorism"), "{:?}", many.topics);
}
