import type { Fetcher } from "@graphiql/toolkit";

/**
 * GraphQL over HTTP to this server's /graphql. A plain POST is all the API needs (queries only, no
 * subscriptions), so GraphiQL's createGraphiQLFetcher and its optional transports are not bundled.
 */
export const fetcher: Fetcher = async (params, options) => {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/graphql-response+json, application/json",
      ...(options?.headers as Record<string, string> | undefined),
    },
    body: JSON.stringify(params),
  });
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { errors: [{ message: `The server answered ${response.status} with something that is not JSON: ${text.slice(0, 200)}` }] };
  }
};
