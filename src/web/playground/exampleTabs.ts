import type { GraphiQLProps } from "graphiql";

type TabDefinition = NonNullable<GraphiQLProps["defaultTabs"]>[number];

/**
 * The tabs a new visitor finds open: one per question the research desk asks most. The ids are the
 * seed article's (seeds/2018-12-20-facebook-partners.yaml); change the variables to ask of others.
 */
export const EXAMPLE_TABS: TabDefinition[] = [
  {
    query: `# Which of Netflix's statements conflict with documented grants, and which reports document them?
# Each answer is citable: verbatim quote, speaker, date, where it was reported, the report's own words.
query CompanyContradictions($organization: ID!) {
  contradictions(filter: { organization: $organization }, first: 20) {
    totalCount
    edges {
      node {
        id
        kind
        severity
        explanation
        statement {
          form
          quote
          account
          speaker
          madeAt
          channel
          reportedIn { title publishedAt url }
        }
        grant {
          grantor { name }
          grantee { name }
          data { name }
          documentedIn { quote account carriedBy { title publisher { name } } report { title publishedAt url publisher { name } } }
        }
      }
    }
  }
}
`,
    variables: JSON.stringify({ organization: "netflix" }, null, 2),
  },
  {
    query: `# What happened, in date order: statements made, grants starting and ending, reports published.
# Partial dates (2018, 2018-12) sort by their first day, the more precise first.
query CompanyTimeline($id: ID!, $from: String, $to: String) {
  organization(id: $id) {
    name
    timeline(from: $from, to: $to) {
      date
      kind
      summary
      statement { quote speaker }
      grant { grantee { name } data { name } }
      report { title url publisher { name } }
    }
  }
}
`,
    variables: JSON.stringify({ id: "facebook", from: "2014", to: "2018-12-31" }, null, 2),
  },
  {
    query: `# Full-text search over statement quotes and paraphrases and report titles, best first.
query FullTextSearch($text: String!) {
  search(text: $text, first: 10) {
    score
    node {
      __typename
      ... on Statement { id quote speaker madeAt stance }
      ... on Report { id title publishedAt url publisher { name } }
    }
  }
}
`,
    variables: JSON.stringify({ text: "private messages" }, null, 2),
  },
  {
    query: `# The whole evidence chain of one contradiction (ids: STATEMENT_ID~GRANT_ID, from the first tab).
query ContradictionEvidence($id: ID!) {
  contradiction(id: $id) {
    kind
    severity
    explanation
    reportPredatesStatement
    statement {
      form
      quote
      verified
      speaker
      madeAt
      channel
      onBehalfOf { name }
      reportings { account verified quoteAnchor { exact prefix suffix start end } report { title publishedAt url textFile publisher { name } } }
    }
    grant {
      description
      capabilities
      validFrom
      validTo
      openEnded
      exemptFromPrivacyRules
      grantor { name }
      grantee { name }
      data { name }
      documentedIn { quote account carriedBy { title kind publisher { name } } verified anchor { exact start end sentence } report { title kind publishedAt url publisher { name } authors { name } } }
    }
    evidence { title publishedAt publisher { name } }
    corroboration { byOtherParty statement { form quote account speaker onBehalfOf { name } } }
  }
}
`,
    variables: JSON.stringify({ id: "netflix-never-asked-or-accessed-messages~facebook-netflix-private-messages" }, null, 2),
  },
];
