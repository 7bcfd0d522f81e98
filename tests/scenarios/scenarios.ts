/**
 * Scenarios of real-world shapes, each written two or more faithful ways: all of a scenario's
 * phrasings must give the same statement~grant pairs (`expected`), whatever choices the extract's
 * writer made (grantor named or implied; assurance or denial where the sentence is both;
 * intermediary named or not; the group or the member as party). Each scenario also holds a
 * near-miss, a grant or a statement that must NOT pair, so that a rule firing too widely shows.
 *
 * The stories follow published shapes (an app passing platform data on, a parent company's access,
 * location kept with a setting off, resale through a broker, a renewal after "we ended it", a
 * disclosure to authorities...); the organisations are fictional, so no fixture puts words in a
 * real company's mouth. Ids are distinct across scenarios: they are loaded together, one file each.
 */

type Obj = Record<string, unknown>;

export interface Scenario {
  id: string;
  story: string;
  /** The statement~grant pairs every phrasing gives, sorted. */
  expected: string[];
  /** Phrasings: each a whole extract, as an editor could write it. */
  phrasings: Record<string, Obj>;
}

interface World {
  organizations: Obj[];
  people?: Obj[];
  dataCategories: Obj[];
  grants: Obj[];
}

/** An extract from a scenario's world and one phrasing's statements (and grants, when they differ). */
function extract(id: string, world: World, statements: Obj[], grants: Obj[] = world.grants): Obj {
  return {
    format: 2,
    source: { id: `${id}-report`, title: `Investigation: ${id}`, publisher: `${id}-times`, publishedAt: "2022-06-01", kind: "INVESTIGATION" },
    organizations: [...world.organizations, { id: `${id}-times`, name: `The ${id} Times`, kind: "MEDIA" }],
    people: world.people ?? [],
    reports: [],
    dataCategories: world.dataCategories,
    grants,
    statements,
  };
}

/** A grant documented by the scenario's report. */
function grant(scenario: string, id: string, fields: Obj): Obj {
  return { id, data: [], documentedIn: [{ report: `${scenario}-report`, quote: `The report documents ${id}.` }], ...fields };
}

/** A statement reported in the scenario's report. */
function statement(scenario: string, id: string, fields: Obj): Obj {
  return { id, form: "DIRECT", quote: `Words of ${id}.`, madeAt: "2022-05-01", reportedIn: [{ report: `${scenario}-report` }], ...fields };
}

function scenario(id: string, story: string, world: World, expected: string[], phrasings: Record<string, Obj[] | { statements: Obj[]; grants: Obj[] }>): Scenario {
  return {
    id,
    story,
    expected: [...expected].sort(),
    phrasings: Object.fromEntries(
      Object.entries(phrasings).map(([name, p]) => [name, Array.isArray(p) ? extract(id, world, p) : extract(id, world, p.statements, p.grants)]),
    ),
  };
}

const org = (id: string, name: string, kind = "COMPANY", partOf?: string) => ({ id, name, kind, ...(partOf ? { partOf } : {}) });
const category = (id: string, name: string, partOf?: string) => ({ id, name, ...(partOf ? { partOf } : {}) });

// 1. Data passed on through a third-party app: the platform gave a quiz app friends' data, the app
// passed it on to a consultancy, which says it never had any of the platform's data.
const app = "app";
const appWorld: World = {
  organizations: [org("faceplace", "Faceplace", "PLATFORM"), org("quizapp", "QuizApp"), org("electiq", "ElectIQ"), org("adsmith", "AdSmith")],
  dataCategories: [category("app-profile-data", "profile data"), category("app-friends-data", "friends' profile data", "app-profile-data")],
  grants: [
    grant(app, "faceplace-quizapp-friends", { grantor: "faceplace", grantee: "quizapp", data: ["app-friends-data"], validFrom: "2014", validTo: "2015" }),
    grant(app, "quizapp-electiq-friends", { grantor: "quizapp", grantee: "electiq", derivedFrom: "faceplace-quizapp-friends", data: ["app-friends-data"], validFrom: "2014", validTo: null }),
    // near-miss: the consultancy bought other data from an ad firm (not the platform's)
    grant(app, "adsmith-electiq-profiles", { grantor: "adsmith", grantee: "electiq", data: ["app-profile-data"], validFrom: "2016", validTo: "2017" }),
  ],
};
const appScenario = scenario(
  app,
  "A platform's data passed on through a quiz app to a consultancy that denies having any of it",
  appWorld,
  ["electiq-never-had-faceplace-data~quizapp-electiq-friends"],
  {
    "grantor named": [
      statement(app, "electiq-never-had-faceplace-data", { speaker: "electiq", stance: "DENIES_ACCESS", about: { grantee: "electiq", grantor: "faceplace" } }),
      statement(app, "faceplace-cut-off-quizapp", { speaker: "faceplace", stance: "CLAIMS_ENDED", madeAt: "2018-03", about: { grantor: "faceplace", grantee: "quizapp", period: { to: "2015" } } }),
    ],
    "intermediary named too": [
      statement(app, "electiq-never-had-faceplace-data", { speaker: "electiq", onBehalfOf: "electiq", stance: "DENIES_ACCESS", about: { grantee: ["electiq"], grantor: ["faceplace", "quizapp"], data: ["app-friends-data"] } }),
      statement(app, "faceplace-cut-off-quizapp", { speaker: "faceplace", stance: "CLAIMS_ENDED", madeAt: "2018-03", about: { grantor: "faceplace", period: { to: "2015" } } }),
    ],
  },
);

// 2. A parent company's access to a subsidiary's users: the video app says its users' data is
// not accessible to its parent; a report documents engineers at the parent's unit reading it.
const parent = "parent";
const parentWorld: World = {
  organizations: [
    org("streamco-group", "StreamCo Group"),
    org("clipit", "ClipIt", "PLATFORM", "streamco-group"),
    org("streamco-labs", "StreamCo Labs", "COMPANY", "streamco-group"),
    org("cloudvault", "CloudVault"),
  ],
  dataCategories: [category("clipit-user-data", "ClipIt users' data"), category("clipit-viewing", "viewing history", "clipit-user-data")],
  grants: [
    grant(parent, "clipit-streamco-labs-user-data", { grantor: "clipit", grantee: "streamco-labs", data: ["clipit-user-data"], capabilities: ["READ"], validFrom: "2021", validTo: "2022-01" }),
    // near-miss: the hosting provider, outside the group
    grant(parent, "clipit-cloudvault-hosting", { grantor: "clipit", grantee: "cloudvault", data: ["clipit-user-data"], validFrom: "2020", validTo: null, purpose: "hosting" }),
  ],
};
const parentScenario = scenario(
  parent,
  "A parent company's access to a subsidiary's users",
  parentWorld,
  ["clipit-not-accessible-to-parent~clipit-streamco-labs-user-data"],
  {
    "denial naming the group": [
      statement(parent, "clipit-not-accessible-to-parent", { speaker: "clipit", madeAt: "2021-10", stance: "DENIES_ACCESS", about: { grantee: "streamco-group", grantor: "clipit" } }),
    ],
    "assurance naming the member": [
      statement(parent, "clipit-not-accessible-to-parent", { speaker: "clipit", onBehalfOf: "clipit", madeAt: "2021-10", stance: "ASSURES_SAFEGUARD", about: { grantee: "streamco-labs", grantor: "clipit" } }),
    ],
    "assurance naming the group and the data": [
      statement(parent, "clipit-not-accessible-to-parent", { speaker: "clipit", madeAt: "2021-10", stance: "ASSURES_SAFEGUARD", about: { grantee: "streamco-group", data: ["clipit-viewing"] } }),
    ],
  },
);

// 3. Self-collection against a settings promise: "with this setting off, the places you go are not
// stored", while a report documents the company storing location with it off.
const self = "self";
const selfWorld: World = {
  organizations: [org("mapsly", "Mapsly", "PLATFORM")],
  dataCategories: [category("mapsly-location", "location data"), category("mapsly-visited-places", "places visited", "mapsly-location"), category("mapsly-contacts", "contacts")],
  grants: [
    grant(self, "mapsly-collects-location", { grantee: "mapsly", data: ["mapsly-location"], capabilities: ["COLLECT"], validFrom: "2017", validTo: null }),
    // near-miss: contacts, which the promise does not speak of
    grant(self, "mapsly-collects-contacts", { grantee: "mapsly", data: ["mapsly-contacts"], capabilities: ["COLLECT"], validFrom: "2017", validTo: null }),
  ],
};
const selfScenario = scenario(
  self,
  "Self-collection against a settings promise",
  selfWorld,
  ["mapsly-setting-off-not-stored~mapsly-collects-location"],
  {
    assurance: [
      statement(self, "mapsly-setting-off-not-stored", { speaker: "mapsly", stance: "ASSURES_SAFEGUARD", about: { grantee: "mapsly", data: ["mapsly-location"] } }),
    ],
    "denial of the narrower data": [
      statement(self, "mapsly-setting-off-not-stored", { speaker: "mapsly", onBehalfOf: "mapsly", stance: "DENIES_ACCESS", about: { grantee: ["mapsly"], data: ["mapsly-visited-places"], capabilities: ["COLLECT"] } }),
    ],
  },
);

// 4. Resale through a data broker: a prayer app sold location to a broker, which sold it on to a
// defence contractor; the contractor denies buying the app's data. Near-miss: the contractor also
// bought a weather app's data from the same broker, which its words do not speak of.
const broker = "broker";
const brokerWorld: World = {
  organizations: [org("prayly", "Prayly"), org("skycast", "SkyCast"), org("locomark", "Locomark"), org("defensa", "Defensa Systems")],
  dataCategories: [category("broker-location", "location data")],
  grants: [
    grant(broker, "prayly-locomark-location", { grantor: "prayly", grantee: "locomark", data: ["broker-location"], capabilities: ["TRANSFER"], validFrom: "2019", validTo: "2020-11" }),
    grant(broker, "locomark-defensa-prayly-location", { grantor: "locomark", grantee: "defensa", derivedFrom: "prayly-locomark-location", data: ["broker-location"], validFrom: "2019", validTo: "2020-11" }),
    grant(broker, "skycast-locomark-location", { grantor: "skycast", grantee: "locomark", data: ["broker-location"], validFrom: "2018", validTo: null }),
    grant(broker, "locomark-defensa-skycast-location", { grantor: "locomark", grantee: "defensa", derivedFrom: "skycast-locomark-location", data: ["broker-location"], validFrom: "2018", validTo: null }),
  ],
};
const brokerScenario = scenario(
  broker,
  "Resale through a data broker",
  brokerWorld,
  ["defensa-never-bought-prayly-data~locomark-defensa-prayly-location", "prayly-never-sold-to-military~locomark-defensa-prayly-location"],
  {
    "source app named": [
      statement(broker, "defensa-never-bought-prayly-data", { speaker: "defensa", madeAt: "2020-11-20", stance: "DENIES_ACCESS", about: { grantee: "defensa", grantor: "prayly" } }),
      statement(broker, "prayly-never-sold-to-military", { speaker: "prayly", madeAt: "2020-11-17", stance: "DENIES_ACCESS", about: { grantee: "defensa", grantor: "prayly", data: ["broker-location"] } }),
    ],
    "data named, assurance": [
      statement(broker, "defensa-never-bought-prayly-data", { speaker: "defensa", madeAt: "2020-11-20", stance: "DENIES_ACCESS", about: { grantee: "defensa", grantor: ["prayly"], data: ["broker-location"] } }),
      statement(broker, "prayly-never-sold-to-military", { speaker: "prayly", onBehalfOf: "prayly", madeAt: "2020-11-17", stance: "ASSURES_SAFEGUARD", about: { grantee: "defensa", grantor: "prayly" } }),
    ],
  },
);

// 5. "We ended it" against a documented renewal.
const renewal = "renewal";
const renewalWorld: World = {
  organizations: [org("chirper", "Chirper", "PLATFORM"), org("gadget-group", "Gadget Group"), org("gadgetco", "GadgetCo", "COMPANY", "gadget-group")],
  dataCategories: [category("chirper-user-data", "user data"), category("chirper-friends", "friends lists", "chirper-user-data")],
  grants: [
    grant(renewal, "chirper-gadgetco-2012", { grantor: "chirper", grantee: "gadgetco", data: ["chirper-user-data"], validFrom: "2012", validTo: "2018-04" }),
    grant(renewal, "chirper-gadgetco-renewal", { grantor: "chirper", grantee: "gadgetco", data: ["chirper-user-data"], validFrom: "2019-01", validTo: null }),
  ],
};
const renewalScenario = scenario(
  renewal,
  '"We ended it" against a documented renewal',
  renewalWorld,
  ["chirper-ended-gadget-partnership~chirper-gadgetco-renewal"],
  {
    "the member named": [
      statement(renewal, "chirper-ended-gadget-partnership", { speaker: "chirper", madeAt: "2019-06", stance: "CLAIMS_ENDED", about: { grantor: "chirper", grantee: "gadgetco", period: { to: "2018-04" } } }),
    ],
    "the group named": [
      statement(renewal, "chirper-ended-gadget-partnership", { speaker: "chirper", onBehalfOf: "chirper", madeAt: "2019-06", stance: "CLAIMS_ENDED", about: { grantor: "chirper", grantee: "gadget-group", period: { to: "2018-04-30" }, data: ["chirper-friends"] } }),
    ],
  },
);

// 6. A denial of handing data to authorities against a documented disclosure.
const authority = "authority";
const authorityWorld: World = {
  organizations: [
    org("chatline", "Chatline", "PLATFORM"),
    org("republic-government", "Government of the Republic", "GOVERNMENT"),
    org("state-security", "State Security Service", "GOVERNMENT", "republic-government"),
    org("hostly", "Hostly"),
  ],
  dataCategories: [category("chatline-user-data", "user data"), category("chatline-phone-numbers", "phone numbers", "chatline-user-data")],
  grants: [
    grant(authority, "chatline-state-security-disclosure", { grantor: "chatline", grantee: "state-security", data: ["chatline-phone-numbers"], capabilities: ["TRANSFER"], validFrom: "2021", validTo: "2021" }),
    grant(authority, "chatline-hostly-hosting", { grantor: "chatline", grantee: "hostly", data: ["chatline-user-data"], validFrom: "2019", validTo: null }),
  ],
};
const authorityScenario = scenario(
  authority,
  "A denial of handing data to authorities against a documented disclosure",
  authorityWorld,
  ["chatline-never-handed-data-to-government~chatline-state-security-disclosure"],
  {
    "denial naming the agency": [
      statement(authority, "chatline-never-handed-data-to-government", { speaker: "chatline", madeAt: "2022-02", stance: "DENIES_ACCESS", about: { grantor: "chatline", grantee: "state-security", period: { from: "2013" } } }),
    ],
    "denial naming the government": [
      statement(authority, "chatline-never-handed-data-to-government", { speaker: "chatline", madeAt: "2022-02", stance: "DENIES_ACCESS", about: { grantor: "chatline", grantee: "republic-government" } }),
    ],
    "assurance naming the government": [
      statement(authority, "chatline-never-handed-data-to-government", { speaker: "chatline", onBehalfOf: "chatline", madeAt: "2022-02", stance: "ASSURES_SAFEGUARD", about: { grantee: "republic-government", data: ["chatline-user-data"] } }),
    ],
  },
);

// 7. A grantor's assurance naming the recipient (an SDK sending device data to an ad network), and
// a later claim that it stopped, made after the flow did end (near-miss).
const sdk = "sdk";
const sdkWorld: World = {
  organizations: [org("meetup-video", "MeetUp Video"), org("adnet", "AdNet")],
  dataCategories: [category("meetup-device-data", "device data")],
  grants: [grant(sdk, "meetup-adnet-device-data", { grantor: "meetup-video", grantee: "adnet", data: ["meetup-device-data"], validFrom: "2019", validTo: "2020-03" })],
};
const sdkScenario = scenario(sdk, "An app's assurance naming an ad network its SDK sent data to", sdkWorld, ["meetup-no-data-to-adnet~meetup-adnet-device-data"], {
  "naming the recipient": [
    statement(sdk, "meetup-no-data-to-adnet", { speaker: "meetup-video", madeAt: "2020-03-20", stance: "ASSURES_SAFEGUARD", about: { grantor: "meetup-video", grantee: "adnet" } }),
    statement(sdk, "meetup-stopped-sending", { speaker: "meetup-video", madeAt: "2020-04", stance: "CLAIMS_ENDED", about: { grantor: "meetup-video", grantee: "adnet", period: { to: "2020-03-27" } } }),
  ],
  "naming the data": [
    statement(sdk, "meetup-no-data-to-adnet", { speaker: "meetup-video", madeAt: "2020-03-20", stance: "ASSURES_SAFEGUARD", about: { grantor: "meetup-video", data: ["meetup-device-data"] } }),
    statement(sdk, "meetup-stopped-sending", { speaker: "meetup-video", madeAt: "2020-04", stance: "CLAIMS_ENDED", about: { grantor: "meetup-video", period: { to: "2020-03-27" } } }),
  ],
});

// 8. A subsidiary speaking about its parent's access: a messenger owned by a group says the group's
// social network does not get its users' phone numbers.
const sibling = "sibling";
const siblingWorld: World = {
  organizations: [
    org("metaverse-group", "Metaverse Group"),
    org("whisper", "Whisper", "PLATFORM", "metaverse-group"),
    org("friendbook", "Friendbook", "PLATFORM", "metaverse-group"),
    org("cloudy", "Cloudy"),
  ],
  dataCategories: [category("whisper-phone-numbers", "phone numbers")],
  grants: [
    grant(sibling, "whisper-friendbook-phone-numbers", { grantor: "whisper", grantee: "friendbook", data: ["whisper-phone-numbers"], validFrom: "2016-08", validTo: null }),
    grant(sibling, "whisper-cloudy-backup", { grantor: "whisper", grantee: "cloudy", data: ["whisper-phone-numbers"], validFrom: "2016", validTo: null, purpose: "backup" }),
  ],
};
const siblingScenario = scenario(sibling, "A subsidiary denying its parent group's access", siblingWorld, ["whisper-numbers-not-shared~whisper-friendbook-phone-numbers"], {
  "the sister company named": [
    statement(sibling, "whisper-numbers-not-shared", { speaker: "whisper", madeAt: "2017-01", stance: "DENIES_ACCESS", about: { grantee: "friendbook", grantor: "whisper" } }),
  ],
  "the group named": [
    statement(sibling, "whisper-numbers-not-shared", { speaker: "whisper", onBehalfOf: "whisper", madeAt: "2017-01", stance: "DENIES_ACCESS", about: { grantee: "metaverse-group", data: ["whisper-phone-numbers"] } }),
  ],
});

// 9. A grantee unaware of where data came from: a pollster received a survey app's copy of a social
// network's data; "we did not know" said with the network or the app as the source.
const poll = "poll";
const pollWorld: World = {
  organizations: [org("socialite", "Socialite", "PLATFORM"), org("surveyor", "Surveyor App"), org("pollstar", "PollStar")],
  dataCategories: [category("socialite-likes", "page likes")],
  grants: [
    grant(poll, "socialite-surveyor-likes", { grantor: "socialite", grantee: "surveyor", data: ["socialite-likes"], validFrom: "2015", validTo: "2016" }),
    grant(poll, "surveyor-pollstar-likes", { grantor: "surveyor", grantee: "pollstar", derivedFrom: "socialite-surveyor-likes", data: ["socialite-likes"], validFrom: "2016", validTo: null }),
  ],
};
const pollScenario = scenario(poll, "A grantee unaware of data passed on to it", pollWorld, ["pollstar-unaware~surveyor-pollstar-likes"], {
  "the network named": [
    statement(poll, "pollstar-unaware", { speaker: "pollstar", madeAt: "2018", stance: "CLAIMS_UNAWARE", about: { grantee: "pollstar", grantor: "socialite" } }),
  ],
  "the app named": [
    statement(poll, "pollstar-unaware", { speaker: "pollstar", onBehalfOf: "pollstar", madeAt: "2018", stance: "CLAIMS_UNAWARE", about: { grantee: "pollstar", grantor: "surveyor", data: ["socialite-likes"] } }),
  ],
});

// 10. A denial of use for a purpose against a grant for that purpose; the grant named or described.
const purpose = "purpose";
const purposeWorld: World = {
  organizations: [org("searchco", "SearchCo"), org("socialnet", "SocialNet", "PLATFORM")],
  dataCategories: [category("socialnet-profiles", "profiles")],
  grants: [
    grant(purpose, "socialnet-searchco-profiling", { grantor: "socialnet", grantee: "searchco", data: ["socialnet-profiles"], purpose: "ad-profiling", validFrom: "2010", validTo: "2014" }),
    grant(purpose, "socialnet-searchco-search", { grantor: "socialnet", grantee: "searchco", data: ["socialnet-profiles"], purpose: "social-search", validFrom: "2010", validTo: "2014" }),
  ],
};
const purposeScenario = scenario(purpose, "A denial of use for a purpose", purposeWorld, ["searchco-not-used-for-ads~socialnet-searchco-profiling"], {
  "purpose described": [
    statement(purpose, "searchco-not-used-for-ads", { speaker: "searchco", madeAt: "2018-12", stance: "DENIES_USE", about: { grantee: "searchco", grantor: "socialnet", purpose: "ad-profiling", period: { from: "2010" } } }),
  ],
  "grant named": [
    statement(purpose, "searchco-not-used-for-ads", { speaker: "searchco", onBehalfOf: "searchco", madeAt: "2018-12", stance: "DENIES_USE", about: { grants: ["socialnet-searchco-profiling"], period: { from: "2010" } } }),
  ],
});

// 11. An assurance naming only the grantor: today's rule, exempt grants only; said by the platform
// or by its spokesperson.
const exempt = "exempt";
const exemptWorld: World = {
  organizations: [org("bookface", "Bookface", "PLATFORM"), org("phonemaker", "PhoneMaker"), org("musicstream", "MusicStream")],
  people: [{ id: "bookface-spokesperson", description: "a Bookface spokesperson", anonymous: true, speaksFor: "bookface", role: "SPOKESPERSON" }],
  dataCategories: [category("bookface-personal-data", "personal data")],
  grants: [
    grant(exempt, "bookface-phonemaker-exempt", { grantor: "bookface", grantee: "phonemaker", data: ["bookface-personal-data"], exemptFromPrivacyRules: true, validFrom: "2010", validTo: null }),
    grant(exempt, "bookface-musicstream-ordinary", { grantor: "bookface", grantee: "musicstream", data: ["bookface-personal-data"], validFrom: "2010", validTo: null }),
  ],
};
const exemptScenario = scenario(exempt, "A grantor-only privacy assurance against an exemption", exemptWorld, ["bookface-partners-respect-settings~bookface-phonemaker-exempt"], {
  "the platform speaks": [
    statement(exempt, "bookface-partners-respect-settings", { speaker: "bookface", stance: "ASSURES_SAFEGUARD", about: { grantor: "bookface" } }),
  ],
  "its spokesperson speaks": [
    statement(exempt, "bookface-partners-respect-settings", { speaker: "bookface-spokesperson", onBehalfOf: "bookface", stance: "ASSURES_SAFEGUARD", about: { grantor: ["bookface"] } }),
  ],
});

// 12. "We shut those partnerships down, except ..." with the exception named by member or by group.
const except = "except";
const exceptWorld: World = {
  organizations: [
    org("linkup", "LinkUp", "PLATFORM"),
    org("orchard-group", "Orchard Group"),
    org("orchard", "Orchard", "COMPANY", "orchard-group"),
    org("rivermart", "RiverMart"),
  ],
  dataCategories: [category("linkup-contacts", "contacts")],
  grants: [
    grant(except, "linkup-orchard-contacts", { grantor: "linkup", grantee: "orchard", data: ["linkup-contacts"], validFrom: "2012", validTo: null }),
    grant(except, "linkup-rivermart-contacts", { grantor: "linkup", grantee: "rivermart", data: ["linkup-contacts"], validFrom: "2012", validTo: null }),
  ],
};
const exceptScenario = scenario(except, "An ended claim with an exception, by member or by group", exceptWorld, ["linkup-shut-down-but-orchard~linkup-rivermart-contacts"], {
  "the member excepted": [
    statement(except, "linkup-shut-down-but-orchard", { speaker: "linkup", madeAt: "2022-05", stance: "CLAIMS_ENDED", about: { grantor: "linkup", except: ["orchard"], period: { to: "2022-04" } } }),
  ],
  "the group excepted": [
    statement(except, "linkup-shut-down-but-orchard", { speaker: "linkup", onBehalfOf: "linkup", madeAt: "2022-05", stance: "CLAIMS_ENDED", about: { grantor: "linkup", except: ["orchard-group"], period: { to: "2022-04" } } }),
  ],
});

// 13. A third party speaking (a regulator clearing a firm) about a self-collecting company's data.
const regulator = "regulator";
const regulatorWorld: World = {
  organizations: [org("privacy-board", "Privacy Board", "GOVERNMENT"), org("fitband", "FitBand")],
  dataCategories: [category("fitband-health", "health data"), category("fitband-heart-rate", "heart rate", "fitband-health")],
  grants: [grant(regulator, "fitband-collects-heart-rate", { grantee: "fitband", data: ["fitband-heart-rate"], validFrom: "2020", validTo: null })],
};
const regulatorScenario = scenario(regulator, "A third party's denial about a self-collecting company", regulatorWorld, ["board-fitband-collects-no-health-data~fitband-collects-heart-rate"], {
  "the data named broadly": [
    statement(regulator, "board-fitband-collects-no-health-data", { speaker: "privacy-board", stance: "DENIES_ACCESS", about: { grantee: "fitband", data: ["fitband-health"] } }),
  ],
  "the data named narrowly": [
    statement(regulator, "board-fitband-collects-no-health-data", { speaker: "privacy-board", onBehalfOf: "privacy-board", stance: "DENIES_ACCESS", about: { grantee: ["fitband"], data: ["fitband-heart-rate"] } }),
  ],
});

// 14. Voices: one carrier's denial as the source carries it (a few of its spokesperson's words quoted
// inside the source's sentence, or the source's account only), a company's denial carried in its
// own press release in reported speech, and a sentence the source attributes to no one, read as the
// carrier's (speakerInferred). Whose words are printed must follow the form in every output.
const voices = "voices";
const voicesWorld: World = {
  organizations: [org("bellmore", "Bellmore Wireless"), org("acmeloc", "ACME"), org("quietco", "QuietCo")],
  people: [{ id: "bellmore-spokesperson", description: "a Bellmore spokesperson", anonymous: true, speaksFor: "bellmore", role: "SPOKESPERSON" }],
  dataCategories: [category("voices-location", "location data")],
  grants: [
    grant(voices, "bellmore-acmeloc-location", { grantor: "bellmore", grantee: "acmeloc", data: ["voices-location"], validFrom: "2019", validTo: null }),
    // near-miss: another carrier's customer, of whom nothing was said
    grant(voices, "bellmore-quietco-location", { grantor: "bellmore", grantee: "quietco", data: ["voices-location"], validFrom: "2019", validTo: "2020" }),
  ],
};
const acmeDenial = statement(voices, "acmeloc-never-received-locations", {
  form: "REPORTED",
  quote: undefined,
  speaker: "acmeloc",
  onBehalfOf: "acmeloc",
  stance: "DENIES_ACCESS",
  about: { grantee: "acmeloc", data: ["voices-location"] },
  reportedIn: [{ report: "voices-acmeloc-release", account: "ACME said it has never received location data from any wireless carrier." }],
});
const unattributedEnd = statement(voices, "bellmore-program-wound-down", {
  form: "REPORTED",
  quote: undefined,
  speaker: "bellmore",
  speakerInferred: "the sentence follows Bellmore's statement and speaks of its location program",
  onBehalfOf: "bellmore",
  stance: "CLAIMS_ENDED",
  madeAt: "2022-05",
  about: { grantor: "bellmore", grantee: "acmeloc", period: { to: "2021-03" } },
  reportedIn: [{ report: `${voices}-report`, account: "The location program was wound down in March 2021." }],
});
const voicesScenario = scenario(
  voices,
  "A carrier's denial quoted in part or reported, a company's own release in reported speech, a sentence attributed to no one",
  voicesWorld,
  ["acmeloc-never-received-locations~bellmore-acmeloc-location", "bellmore-never-shared-with-acmeloc~bellmore-acmeloc-location", "bellmore-program-wound-down~bellmore-acmeloc-location"],
  {
    "quoted in part": [
      statement(voices, "bellmore-never-shared-with-acmeloc", {
        form: "MIXED",
        quote: "never shared a single customer's location with ACME",
        speaker: "bellmore-spokesperson",
        onBehalfOf: "bellmore",
        stance: "DENIES_ACCESS",
        about: { grantor: "bellmore", grantee: "acmeloc" },
        reportedIn: [{ report: `${voices}-report`, account: 'A Bellmore spokesperson told the Times that the carrier had "never shared a single customer\'s location with ACME", calling the report "baseless".' }],
      }),
      acmeDenial,
      unattributedEnd,
    ],
    "reported": [
      statement(voices, "bellmore-never-shared-with-acmeloc", {
        form: "REPORTED",
        quote: undefined,
        speaker: "bellmore-spokesperson",
        onBehalfOf: "bellmore",
        stance: "DENIES_ACCESS",
        about: { grantor: ["bellmore"], grantee: ["acmeloc"] },
        reportedIn: [{ report: `${voices}-report`, account: "A Bellmore spokesperson denied that the carrier had shared any customer's location with ACME." }],
      }),
      acmeDenial,
      unattributedEnd,
    ],
  },
);
// ACME's own release carries its denial.
for (const phrasing of Object.values(voicesScenario.phrasings)) {
  phrasing.reports = [{ id: "voices-acmeloc-release", publisher: "acmeloc", publishedAt: "2022-06-02", kind: "PRESS_STATEMENT" }];
}

export const SCENARIOS: Scenario[] = [
  appScenario,
  parentScenario,
  selfScenario,
  brokerScenario,
  renewalScenario,
  authorityScenario,
  sdkScenario,
  siblingScenario,
  pollScenario,
  purposeScenario,
  exemptScenario,
  exceptScenario,
  regulatorScenario,
  voicesScenario,
];

/**
 * Every scenario's first phrasing, and the statements other phrasings give in another form, as a
 * file each under other ids: all the forms the suite phrases, loadable together (for tests that
 * read every output of every statement).
 */
export function scenarioExtracts(): Obj[] {
  const extracts: Obj[] = SCENARIOS.map((s) => Object.values(s.phrasings)[0]);
  for (const s of SCENARIOS) {
    const [first, ...others] = Object.values(s.phrasings) as { statements: { id: string; form: string }[] }[];
    for (const [i, other] of others.entries()) {
      const forms = new Map(first.statements.map((st) => [st.id, st.form]));
      const differing = other.statements.filter((st) => forms.get(st.id) !== st.form);
      if (differing.length) extracts.push({ ...other, statements: differing.map((st) => ({ ...st, id: `${st.id}-as-${st.form.toLowerCase()}-${i}` })) });
    }
  }
  return extracts;
}
