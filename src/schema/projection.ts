import type { ApolloServerPlugin } from "@apollo/server";
import {
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  Kind,
  getNamedType,
  isAbstractType,
  isObjectType,
} from "graphql";
import type { Context } from "./context.ts";
import { PREFETCHABLE } from "./prefetch.ts";

/**
 * Reading only the properties a request asks for. The loaders and the look-ahead are shared by the
 * whole request, so the projection is one set for the request: every stored property a field of the
 * operation reads, on any node type. A node type's field without a resolver of its own reads the
 * property of its name (graphql-js's default resolver); a relationship the loaders serve
 * (PREFETCHABLE) reads only the node's id. Any other field with a resolver may read anything, of this
 * node or another (an explanation, a timeline, a speaker's name): then nothing is projected and the
 * request reads every property, as before. Connections, edges and the wrappers the resolvers build
 * (Reporting, Documentation...) are plumbing and read nothing of a node themselves.
 *
 * tests/api/projection.test.ts asks every field of every node type alone, projected and not, and
 * compares the answers.
 */

const NODE_TYPES = new Set(["Organization", "Person", "Report", "Statement", "AccessGrant", "DataCategory"]);
const PLUMBING = /(Connection|Edge)$|^PageInfo$/;
const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The stored properties the operation reads (sorted), or undefined when one of its fields may read
 * properties it does not name (then every property is read).
 */
export function projectedProperties(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): string[] | undefined {
  const properties = new Set<string>(["id"]);
  const seen = new Set<SelectionSetNode>();
  const root = operation.operation === "query" ? schema.getQueryType() : undefined;
  if (!root) return undefined;
  let projectable = true;

  const visit = (selectionSet: SelectionSetNode, typeName: string, isRoot: boolean) => {
    if (!projectable || seen.has(selectionSet)) return;
    seen.add(selectionSet);
    const type = schema.getType(typeName);
    for (const selection of selectionSet.selections) {
      if (!projectable) return;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, selection.typeCondition?.name.value ?? typeName, isRoot);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        if (!fragment) return void (projectable = false);
        visit(fragment.selectionSet, fragment.typeCondition.name.value, isRoot);
        continue;
      }
      const name = selection.name.value;
      if (name.startsWith("__")) continue;
      if (isAbstractType(type)) {
        // Fields of an interface or union itself (none in this schema but __typename): unknown.
        return void (projectable = false);
      }
      if (!isObjectType(type)) return void (projectable = false);
      const field = type.getFields()[name];
      if (!field) return void (projectable = false);
      if (!isRoot && !PLUMBING.test(typeName)) {
        if (NODE_TYPES.has(typeName)) {
          if (!field.resolve) {
            if (!PROPERTY_NAME.test(name)) return void (projectable = false);
            properties.add(name);
          } else {
            // A relationship whose answer is computed from the related node (Statement.speaker, a name) reads unknown properties.
            const spec = PREFETCHABLE[typeName]?.[name];
            const returns = getNamedType(field.type);
            if (!spec || "same" in spec || !(isObjectType(returns) || isAbstractType(returns))) return void (projectable = false);
          }
        } else if (field.resolve) {
          // A type of the resolvers' own making whose field computes something: unknown reads.
          return void (projectable = false);
        }
      }
      if (selection.selectionSet) visit(selection.selectionSet, getNamedType(field.type).name, false);
    }
  };
  visit(operation.selectionSet, root.name, true);
  return projectable ? [...properties].sort() : undefined;
}

const PROJECTIONS = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, readonly string[] | undefined>>();

/** Sets each request's projection once its operation is known, before any resolver runs. */
export function projectionPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document, schema }) {
          if (!contextValue.projection?.enabled || !operation) return;
          // The same for every request of an operation (Apollo hands the same parsed document for a source).
          let bySchema = PROJECTIONS.get(schema);
          if (!bySchema) PROJECTIONS.set(schema, (bySchema = new WeakMap()));
          if (!bySchema.has(operation)) {
            const fragments = Object.fromEntries(
              document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
            );
            bySchema.set(operation, projectedProperties(schema, operation, fragments));
          }
          contextValue.projection.properties = bySchema.get(operation);
        },
      };
    },
  };
}
