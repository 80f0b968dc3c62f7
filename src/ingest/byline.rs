//! Who wrote a story: a byline line (`By Jane Doe and John Roe, Reuters`)
//! or a page's author metadata → the people who wrote it, and the outlet or
//! wire it names (which is the agency, never an author).
//!
//! General rules about what a person's name looks like, so that outlets
//! (`CBS Detroit`, `PTI`, `The Associated Press`), roles (`AP Sports
//! Writer`, `CNN Editor-at-large`), labels (`Analysis by`), dates and places
//! glued to a byline do not become people.

/// Words that end an agency's or outlet's name.
pub(crate) const AGENCY_WORDS: &[&str] = &[
    "Service",
    "Services",
    "Agency",
    "News",
    "Press",
    "Wire",
    "Bureau",
    "Desk",
    "Reuters",
    "Report",
    "Office",
    "Newswire",
    "Network",
    "Media",
    "Times",
    "Post",
    "Journal",
    "Herald",
    "Tribune",
    "Staff",
    "International",
    "Newsroom",
    "Team",
    "Editors",
    "Productions",
    "Magazine",
    "Radio",
    "TV",
    "Television",
    "Online",
    "Daily",
];

/// Wires and agencies known by name, with their usual full names.
const WIRES: &[(&str, &str)] = &[
    ("AP", "Associated Press"),
    ("Associated Press", "Associated Press"),
    ("The Associated Press", "Associated Press"),
    ("AFP", "Agence France-Presse"),
    ("Agence France-Presse", "Agence France-Presse"),
    ("Reuters", "Reuters"),
    ("Reuter", "Reuters"),
    ("REUTERS", "Reuters"),
    ("UPI", "United Press International"),
    ("PTI", "Press Trust of India"),
    ("IANS", "Indo-Asian News Service"),
    ("ANI", "Asian News International"),
    ("Bloomberg", "Bloomberg"),
    ("Xinhua", "Xinhua"),
    ("dpa", "dpa"),
    ("EFE", "EFE"),
    ("ANSA", "ANSA"),
    ("TASS", "TASS"),
    ("Yonhap", "Yonhap"),
    ("Kyodo", "Kyodo"),
];

/// Words that make a byline part a job, not a name.
const ROLES: &[&str] = &[
    "writer",
    "editor",
    "editor-at-large",
    "correspondent",
    "reporter",
    "columnist",
    "contributor",
    "staff",
    "producer",
    "photographer",
    "analyst",
    "commentator",
    "anchor",
    "host",
    "intern",
    "editorial",
    "desk",
    "contributing",
    "senior",
    "chief",
    "political",
];

/// Small words that may stand uncapitalised inside a name.
const PARTICLES: &[&str] = &[
    "de", "da", "del", "della", "der", "den", "van", "von", "la", "le", "du", "bin", "al", "el", "di", "dos", "das",
    "y", "ibn", "ben", "st",
];

/// Labels before a name (`Analysis by`, `Written by`, `Text:`).
const LABELS: &[&str] = &[
    "by",
    "text",
    "words",
    "story",
    "reporting",
    "analysis",
    "written",
    "photos",
    "photo",
    "opinion",
    "commentary",
    "posted",
    "von",
    "par",
    "auteur",
    "autor",
    "autorin",
    "texto",
    "por",
];

/// Words besides month names that end a byline's names where its date
/// begins ("by Ann Lee Monday", "by Ann Lee Updated").
const DATE_WORDS: &[&str] =
    &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "updated", "published"];

/// `By Jim Garamone`, `By Peter Torday, Reuters`, `By Jane Doe and John Roe`:
/// the authors and the agency of a line that starts with "By".
pub fn byline(line: &str) -> Option<(Vec<String>, Option<String>)> {
    let rest = line.strip_prefix("By ").or_else(|| line.strip_prefix("BY ")).or_else(|| line.strip_prefix("by "))?;
    if rest.split_whitespace().count() > 16 || rest.ends_with('.') && rest.split_whitespace().count() > 8 {
        return None;
    }
    let (authors, agency) = names(rest);
    (!authors.is_empty() || agency.is_some()).then_some((authors, agency))
}

/// A list of names as bylines and page metadata give them (`Jane Doe, John
/// Roe`, `Jane Doe; Reuters`, `JILL LAWLESSAssociated Press`): the people,
/// and the outlet or wire among them.
pub fn names(text: &str) -> (Vec<String>, Option<String>) {
    names_from(text, None)
}

/// [`names`], where a part that is the site's own name is the outlet.
pub fn names_from(text: &str, site: Option<&str>) -> (Vec<String>, Option<String>) {
    let mut authors: Vec<String> = Vec::new();
    let mut agency: Option<String> = None;
    // A date or time after a dash ends the names: `Jeff Foust — November 18, 2019`.
    let text = text.split([' ', '\u{a0}']).collect::<Vec<_>>().join(" ");
    let text = [" — ", " – ", " | ", " - "]
        .iter()
        .fold(text.as_str(), |t, sep| match t.split_once(sep) {
            Some((head, tail)) if tail.chars().any(|c| c.is_ascii_digit()) || looks_like_outlet(tail) => head,
            _ => t,
        })
        .to_string();
    let parts = text
        .split([',', '&', ';', '/', '|', '\n'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" und "))
        .flat_map(|p| p.split(" et "))
        .flat_map(|p| p.split(" with "));
    for part in parts {
        if let Some(site) = site
            && part.trim().eq_ignore_ascii_case(site)
        {
            agency.get_or_insert(site.to_string());
            continue;
        }
        let (person, outlet) = read_part(part);
        if let Some(o) = outlet {
            agency.get_or_insert(o);
        }
        if let Some(p) = person
            && !authors.contains(&p)
        {
            authors.push(p);
        }
    }
    (authors, agency)
}

/// One byline part: a person's name, and/or an outlet.
fn read_part(part: &str) -> (Option<String>, Option<String>) {
    let mut part = part.trim().trim_matches(|c: char| c == ':' || c == '(' || c == ')').trim().to_string();
    if part.ends_with('.') && part.rsplit(' ').next().is_none_or(|w| w.len() > 3) {
        part.pop(); // a sentence's period, not an initial's or `Jr.`
    }
    // Labels: `Analysis by Chris Cillizza`, `Text: Jane Doe`.
    loop {
        let lower = part.to_lowercase();
        let Some(label) =
            LABELS.iter().find(|l| lower.starts_with(&format!("{l} ")) || lower.starts_with(&format!("{l}:")))
        else {
            break;
        };
        part = part[label.len()..].trim_start_matches(':').trim().to_string();
        if part.to_lowercase().starts_with("by ") {
            part = part[3..].trim().to_string();
        }
    }
    if let Some(wire) = wire(&part) {
        return (None, Some(wire));
    }
    if is_role(&part) {
        return (None, None);
    }
    // A wire glued to the name: `JILL LAWLESSAssociated Press`.
    for (name, full) in WIRES {
        if name.len() > 3
            && let Some(head) = part.strip_suffix(name)
            && head.chars().last().is_some_and(char::is_alphabetic)
        {
            let (person, _) = read_part(head);
            return (person, Some(full.to_string()));
        }
    }
    // An outlet after the name: `Finian Cunningham. Sputnik International`.
    if let Some((head, tail)) = part.split_once(". ")
        && looks_like_outlet(tail)
    {
        let (person, _) = read_part(head);
        return (person, Some(tail.trim().to_string()));
    }
    if looks_like_outlet(&part) {
        return (None, Some(part));
    }
    let mut words: Vec<&str> = part.split_whitespace().collect();
    let dated = |w: &str| {
        let w = w.trim_matches(',');
        DATE_WORDS.contains(&w.to_lowercase().as_str()) || crate::content::date::month_of(w).is_some()
    };
    while words.last().is_some_and(|w| dated(w)) {
        words.pop();
    }
    (is_name(&words).then(|| name_case(&words)), None)
}

fn wire(part: &str) -> Option<String> {
    WIRES.iter().find(|(name, _)| part.eq_ignore_ascii_case(name)).map(|(_, full)| full.to_string())
}

/// A job, not a name: `AP Sports Writer`, `Staff Writer`, `CNN
/// Editor-at-large`, `senior correspondent`: a role word that leads, is in
/// lower case, is hyphenated, or stands beside an outlet's letters. (`Ann
/// Writer` is a name.)
fn is_role(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-').to_lowercase();
    let role_at = |i: usize| ROLES.contains(&bare(words[i]).as_str());
    let acronym = words.iter().any(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()));
    (0..words.len()).any(|i| {
        role_at(i)
            && (i == 0 || acronym || words[i].contains('-') || words[i].chars().next().is_some_and(char::is_lowercase))
    })
}

/// An outlet, not a person: a wire, a network's letters (`CBS Detroit`),
/// a name ending like an agency's, a domain (`cleveland.com`, scraped as `Cleveland com`), or `The …`.
fn looks_like_outlet(text: &str) -> bool {
    let text = text.trim();
    let words: Vec<&str> = text.split_whitespace().collect();
    let last = words.last().copied().unwrap_or("");
    let acronym = |w: &&str| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase());
    // `CBS Detroit`, `NBC News`: a network's letters beside a name-like word.
    let network = words.len() >= 2 && words.iter().any(acronym) && !words.iter().all(acronym);
    network
        || wire(text).is_some()
        || (words.len() >= 2 && AGENCY_WORDS.contains(&last))
        || (words.len() >= 2 && words[0] == "The")
        || text.contains(".com")
        || text.contains(".org")
        || last.eq_ignore_ascii_case("com")
}

/// Two to five words, each capitalised (or a name particle), none a role
/// or a digit; one word only in scripts without capitals (Korean, Chinese).
fn is_name(words: &[&str]) -> bool {
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let caseless = |w: &str| w.chars().all(|c| !c.is_alphabetic() || (!c.is_uppercase() && !c.is_lowercase()));
    match words {
        [] => false,
        [one] => caseless(one) && one.chars().count() >= 2,
        _ => {
            let each = words.iter().all(|w| {
                let lower = w.to_lowercase();
                !w.chars().any(|c| c.is_ascii_digit())
                    && (capitalised(w) || PARTICLES.contains(&lower.as_str()) || caseless(w))
            });
            words.len() <= 5 && each && (capitalised(words[0]) || caseless(words[0]))
        }
    }
}

/// A name in capitals (`DANICA KIRKA`) in title case; others as written.
fn name_case(words: &[&str]) -> String {
    let letters: Vec<char> = words.iter().flat_map(|w| w.chars()).filter(|c| c.is_alphabetic()).collect();
    let shouting = letters.len() > 3 && letters.iter().all(|c| c.is_uppercase());
    if !shouting {
        return words.join(" ");
    }
    words
        .iter()
        .map(|w| {
            let mut out = String::new();
            let mut start = true;
            for c in w.chars() {
                if start {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                start = matches!(c, '-' | '\'' | '’');
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(text: &str) -> Vec<String> {
        names(text).0
    }

    #[test]
    fn outlets_and_wires_are_the_agency_not_authors() {
        assert_eq!(names("CBS Detroit"), (vec![], Some("CBS Detroit".to_string())), "an outlet's name");
        assert_eq!(names("PTI"), (vec![], Some("Press Trust of India".to_string())));
        assert_eq!(names("The Associated Press"), (vec![], Some("Associated Press".to_string())));
        assert_eq!(
            names("Finian Cunningham. Sputnik International"),
            (vec!["Finian Cunningham".to_string()], Some("Sputnik International".to_string()))
        );
        assert_eq!(
            names("JILL LAWLESSAssociated Press"),
            (vec!["Jill Lawless".to_string()], Some("Associated Press".to_string()))
        );
        assert_eq!(people("Troy L. Smith, cleveland.com"), ["Troy L. Smith"]);
    }

    #[test]
    fn labels_roles_and_dates_are_not_names() {
        assert_eq!(people("Analysis by Chris Cillizza, CNN Editor-at-large"), ["Chris Cillizza"]);
        assert_eq!(people("GREG BEACHAM, AP Sports Writer"), ["Greg Beacham"]);
        assert_eq!(people("Jeff Foust — November 18, 2019"), ["Jeff Foust"]);
        assert_eq!(people("Mike Wuerthele and Malcolm Owen Monday"), ["Mike Wuerthele", "Malcolm Owen"]);
        assert_eq!(people("Reuters, Washington"), Vec::<String>::new());
        assert_eq!(people("The Russian and Syrian defense ministries"), Vec::<String>::new());
        assert_eq!(people("Editorial"), Vec::<String>::new());
    }

    #[test]
    fn names_in_any_script_and_with_particles() {
        assert_eq!(people("정덕현"), ["정덕현"]);
        assert_eq!(people("Ludwig van Beethoven and Jane Doe"), ["Ludwig van Beethoven", "Jane Doe"]);
        assert_eq!(people("Венера Ерофеева"), ["Венера Ерофеева"]);
        assert_eq!(people("Von Roland Brockmann und Sebastian Drescher"), ["Roland Brockmann", "Sebastian Drescher"]);
        assert_eq!(people("Perry Bacon Jr."), ["Perry Bacon Jr."]);
        assert_eq!(names_from("Ernst Lohoff; Jungle World", Some("Jungle World")).0, ["Ernst Lohoff"]);
    }

    #[test]
    fn a_surname_that_is_also_a_job_is_still_a_name() {
        assert_eq!(people("Ann Writer"), ["Ann Writer"]);
        assert_eq!(people("Staff Writer"), Vec::<String>::new());
        assert_eq!(names("AP National Political Writer"), (vec![], None));
    }

    #[test]
    fn a_byline_line() {
        assert_eq!(
            byline("By Peter Torday, Reuters"),
            Some((vec!["Peter Torday".to_string()], Some("Reuters".to_string())))
        );
        assert_eq!(byline("by Jeff Foust — November 18, 2019").map(|b| b.0), Some(vec!["Jeff Foust".to_string()]));
        assert_eq!(byline("Bylines are fun"), None);
    }
}
