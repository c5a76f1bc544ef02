export interface Config {
  reliability?: {
    /**
     * Where the definitions of the suite's numbers are published; the help
     * icons next to every figure link to its anchor there. Default: the
     * project's docs/definitions.md. Point it at your own copy when your
     * users cannot reach the default.
     *
     * @visibility frontend
     */
    definitionsUrl?: string;
  };
}
