/**
 * SQL fragments that draw the benchmark's random data inside PostgreSQL. Every draw is a pure
 * function of (row key, salt, seed), so reruns make the same data and two connections can load
 * different tables at once and still agree: a deal's activity summary is drawn from the very
 * formulas its activities are.
 */

/** A text[] literal for SQL. */
export const arr = (values: readonly string[]) => `array[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(",")}]::text[]`;

export const ACTIVITY_TYPES = ["call", "meeting", "task", "email", "todo"] as const;
const ACTIVITY_SUBJECTS = ["Gọi lại khách hàng", "Gửi báo giá", "Họp demo sản phẩm", "Theo dõi hợp đồng", "Xác nhận thanh toán"];

export type Draws = ReturnType<typeof makeDraws>;

export function makeDraws(options: { seed: number; now: Date; activitiesPerDeal: number }) {
  const now = `'${options.now.toISOString()}'::timestamptz`;
  /**
   * A number in [0, 1) from an integer expression and a salt: hashint8extended is PostgreSQL's
   * own 64-bit hash, an order of magnitude cheaper than md5 over text; 53 bits fill a double.
   */
  const rnd = (keyExpr: string, salt: number) => `((hashint8extended((${keyExpr})::bigint, ${options.seed * 1000 + salt}) & 9007199254740991)::float8 / 9007199254740992.0)`;
  const pick = (values: readonly string[], keyExpr: string, salt: number) => `(${arr(values)})[1 + floor(${rnd(keyExpr, salt)} * ${values.length})::int]`;
  /** A standard normal draw (Box–Muller). */
  const normal = (keyExpr: string, salt: number) => `(sqrt(-2 * ln(greatest(${rnd(keyExpr, salt)}, 1e-12))) * cos(2 * pi() * ${rnd(keyExpr, salt + 1)}))`;
  /** The sales person responsible for deal `deal`: the deal and its activities draw the same one. */
  const salesPerson = (deal: string, salesIds: readonly number[]) => `(array[${salesIds.join(",")}]::int[])[1 + floor(${rnd(deal, 44)} * ${salesIds.length})::int]`;

  // 0 to 2 × average activities per deal; each activity's key is deal × span + n, unique per row.
  const perDealMax = Math.round(2 * options.activitiesPerDeal);
  const span = perDealMax + 1;
  /**
   * The activities of deal `deal` as rows (n, type, direction, subject, deadline, completed,
   * completed_at, created_at): 10% open and overdue, 20% open and due later, the rest done.
   */
  const activitiesOf = (deal: string) => {
    const r = (k: number) => rnd(`(${deal})::bigint * ${span} + g.n`, 90 + k);
    return `select g.n, (${arr(ACTIVITY_TYPES)})[1 + t.kind] as type,
        case when t.kind in (0, 3) then case when r.r1 < 0.5 then 'incoming' else 'outgoing' end end as direction,
        (${arr(ACTIVITY_SUBJECTS)})[1 + floor(r.r2 * 5)::int] as subject,
        case when r.r3 < 0.1 then ${now} - interval '20 days' * r.r4 - interval '1 minute'
             when r.r3 < 0.3 then ${now} + interval '30 days' * r.r4 + interval '1 minute'
             else ${now} - interval '60 days' * r.r4 end as deadline,
        r.r3 >= 0.3 as completed,
        case when r.r3 >= 0.3 then ${now} - interval '60 days' * r.r5 end as completed_at,
        ${now} - interval '90 days' * r.r6 as created_at
      from generate_series(1, floor(${rnd(deal, 80)} * ${span})::int) g(n)
      cross join lateral (select ${r(0)} as r0, ${r(1)} as r1, ${r(2)} as r2, ${r(3)} as r3, ${r(4)} as r4, ${r(5)} as r5, ${r(6)} as r6) r
      cross join lateral (select floor(r.r0 * 5)::int as kind) t`;
  };
  /** The deal columns the activities summarise, as the app keeps them (migration 0012 and the activity service). */
  const activitySummaryOf = (deal: string) => `select max(a.created_at) as last_activity_at,
        min(a.deadline) filter (where not a.completed) as next_deadline,
        count(*) filter (where not a.completed)::int as open_activities,
        count(*) filter (where not a.completed and a.direction = 'incoming' and a.type in ('call', 'email'))::int as incoming_open
      from (${activitiesOf(deal)}) a`;

  return { now, rnd, pick, normal, salesPerson, activitiesOf, activitySummaryOf };
}
