import { EntityNotFound } from "@/components/entity/entity-not-found";

// The entity layout (in [name]) calls notFound() before anything streams, so the answer is a 404;
// a not-found file catches what its own segment's children throw, so the layout's lands here.
export default EntityNotFound;
