//! Entity extraction on the traps the issue names, through the library.

use dateline::extract::{Extractor, Story, Vocabularies};

fn extract(title: &str, body: &str, dateline: Option<&str>) -> dateline::extract::Entities {
    let extractor = Extractor::new(&Vocabularies::defaults());
    extractor.extract(&Story { title, body, dateline_city: dateline, dateline_region: None, authors: &[], year: None })
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
    assert!(
        salient("Talks went on.\n\nBritain said so, and Britain said it again.").is_empty(),
        "two passing mentions after the opening are still passing"
    );
    assert_eq!(
        salient("Britain opened the talks.\n\nBritain said so again."),
        ["United Kingdom"],
        "the opening and the story again count"
    );
    assert_eq!(
        salient("Talks went on.\n\nBritain said so. Britain said it again. Britain agreed. Britain left."),
        ["United Kingdom"],
        "named four times counts"
    );
    let regional =
        "Mali talks went on.\n\nThe French Ministry hosted them with Chad, Niger and Ghana watching. Senegal too.";
    assert!(salient(regional).contains(&"France".to_string()), "a demonym naming a state's institution counts");
    let regional = "Mali talks went on.\n\nFighting spread to the north of the Netherlands, to Chad, Niger and Ghana.";
    assert!(salient(regional).contains(&"Netherlands".to_string()), "a place of the country counts");
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

fn people(title: &str, body: &str) -> Vec<String> {
    extract(title, body, None).people.into_iter().map(|f| f.name).collect()
}

#[test]
fn people_are_found_by_their_names_not_only_by_titles_or_said() {
    assert_eq!(
        people("Davis Cup", "Rafael Nadal kept Spain's hopes alive on Friday with a win in Madrid."),
        ["Rafael Nadal"]
    );
    assert!(
        people("Game", "Wild coach Bruce Boudreau praised his goalie after the game.")
            .contains(&"Bruce Boudreau".to_string())
    );
    let guards = people(
        "Epstein guards charged",
        "Jeffrey Epstein died in August. Guards Tova Noel and Michael Thomas were charged.",
    );
    for name in ["Jeffrey Epstein", "Tova Noel", "Michael Thomas"] {
        assert!(guards.contains(&name.to_string()), "{name}: {guards:?}");
    }
}

#[test]
fn organisations_places_and_publications_are_not_people() {
    let body = "Geoffrey Berman, the U.S. attorney for the Southern District of New York, said the charges stand. \
        The San Francisco Chronicle reported it first, the Santa Fe Animal Shelter said, and Full Fact said the claim was false. \
        Ceres Robotics said it would bid. Nova Scotia said it would not, and New Mexico, said officials, agreed.";
    let found = people("Report", body);
    for wrong in [
        "New York",
        "San Francisco Chronicle",
        "Santa Fe Animal Shelter",
        "Full Fact",
        "Ceres Robotics",
        "Nova Scotia",
        "New Mexico",
    ] {
        assert!(!found.iter().any(|p| p.contains(wrong)), "{wrong} in {found:?}");
    }
    assert!(found.contains(&"Geoffrey Berman".to_string()), "{found:?}");
}

#[test]
fn a_name_is_never_glued_to_a_sentence_word_a_possessive_or_a_period() {
    assert!(
        !people("Defense Secretary Hagel's Message", "The secretary wrote to staff.")
            .iter()
            .any(|p| p.contains("Message"))
    );
    let found = people(
        "History",
        "Although Hitler had lost, he said otherwise. Because Dempsey said so, the plan went ahead. The adviser was Fiona Hill.",
    );
    assert!(!found.iter().any(|p| p.starts_with("Although") || p.starts_with("Because")), "{found:?}");
    assert!(found.contains(&"Fiona Hill".to_string()), "{found:?}");
}

#[test]
fn every_country_named_is_kept_beside_those_the_story_is_about() {
    let e = extract(
        "Storm hits the north",
        "Heavy snow fell across the north on Monday, closing roads near the Canadian border. \
         The Chinese e-commerce giant said deliveries would be late. European hospitals in France, Belgium and Norway sent staff. \
         A mine in Inner Mongolia closed.",
        None,
    );
    let named: Vec<String> = e.countries_named.iter().map(|f| f.name.clone()).collect();
    for country in ["Canada", "China", "France", "Belgium", "Norway"] {
        assert!(named.contains(&country.to_string()), "{country} in {named:?}");
    }
    assert!(!named.contains(&"Mongolia".to_string()), "{named:?}");
    assert!(e.countries.iter().all(|c| named.contains(&c.name)), "those it is about are among those named");
}

#[test]
fn a_city_of_two_words_gives_no_person_and_cyrillic_names_do() {
    let body = "Prince Andrew stayed in his New York City mansion, and Los Angeles Lakers fans in the San Francisco \
                Bay Area watched.\n\nОльга Панкова\n\nЧто вас вдохновляет? Евгения Левицкая рассказала о рецептах.";
    let people: Vec<String> = extract("Report", body, None).people.into_iter().map(|f| f.name).collect();
    for wrong in ["York City", "Angeles Lakers", "Francisco Bay Area"] {
        assert!(!people.iter().any(|p| p == wrong), "{wrong} in {people:?}");
    }
    assert!(people.contains(&"Ольга Панкова".to_string()), "{people:?}");
}

/// The names of the people an extraction says the story is about.
fn about(e: &dateline::extract::Entities) -> Vec<String> {
    e.people_about.iter().map(|f| f.name.clone()).collect()
}

#[test]
fn a_person_named_once_after_the_opening_is_named_in_passing() {
    let body = "Treasury Secretary James Baker said on Monday the dollar had fallen far enough.\n\n\
        Baker told reporters the talks would resume next month in Paris, where finance ministers \
        of the leading industrial nations are due to meet again to review their accord.\n\n\
        The accord was reached in February and has held for six weeks, traders said, although \
        the currency markets remained nervous about the trade figures due out on Tuesday.\n\n\
        Some traders recalled that former Fed chairman Paul Volcker had warned of a hard landing.";
    let e = extract("Dollar steadies as talks near", body, None);
    let named: Vec<String> = e.people.iter().map(|f| f.name.clone()).collect();
    assert_eq!(named, ["James Baker", "Paul Volcker"], "both are named");
    assert_eq!(about(&e), ["James Baker"], "Volcker, once in the last paragraph, is named in passing");

    let twice = format!("{body} Volcker is now a consultant.");
    assert!(about(&extract("Dollar steadies", &twice, None)).contains(&"Paul Volcker".to_string()), "two mentions");
    let headlined = extract("Volcker warning recalled as dollar steadies", body, None);
    assert!(about(&headlined).contains(&"Paul Volcker".to_string()), "named in the headline");
}

#[test]
fn a_title_case_headline_does_not_glue_its_words_into_names() {
    let body = "Secretary of State George Shultz said President Reagan would meet the press on Thursday.\n\n\
        Reagan has not held a news conference since November.";
    let e = extract("Shultz Says Reagan Will Meet Press Soon", body, None);
    let named: Vec<String> = e.people.iter().map(|f| f.name.clone()).collect();
    assert!(named.iter().all(|n| !n.contains("Says") && !n.contains("Will")), "{named:?}");
    assert!(named.contains(&"George Shultz".to_string()) && named.contains(&"Reagan".to_string()), "{named:?}");
    assert_eq!(about(&e), named, "both open the story and one is in the headline");
}
