/** The part of jstat (no bundled types) the canary tests use. */
declare module 'jstat' {
  interface Distribution {
    cdf(x: number, ...params: number[]): number;
    pdf(x: number, ...params: number[]): number;
  }
  const jStat: {
    normal: Distribution;
    binomial: Distribution;
    hypgeom: Distribution;
  };
  export default jStat;
}
