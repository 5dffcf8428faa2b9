import { PageShapeError } from '../../errors.js';

/**
 * A search results page lists results it cannot read (no provider link, URN or latest-report date where
 * one is needed) or states a count that disagrees with what it lists. Thrown rather than returning fewer
 * results, so discovery never mistakes a changed page for "nothing new" and never advances its mark on it.
 * Exit 4, like any page that changed shape.
 */
export class SearchPageShapeError extends PageShapeError {}
