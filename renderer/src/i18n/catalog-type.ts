/** A catalog's shape with every word widened to string: the other language must fill the same keys. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
