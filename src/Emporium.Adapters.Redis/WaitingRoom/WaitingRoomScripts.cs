namespace Emporium.Adapters.Redis.WaitingRoom;

/// <summary>
/// The Lua scripts of <see cref="RedisWaitingRoom"/>. One sale's room is three keys under the sale's hash
/// tag (so a script may touch all of them on Redis Cluster):
/// <list type="bullet">
/// <item><c>line</c>, a hash: the <c>AdmissionLine</c> as <c>issued</c>, <c>admitted</c>, <c>credit</c> and
/// <c>cursor</c> (100 ns ticks since the sale's start, so every figure stays an exact Lua double);</item>
/// <item><c>tickets</c>, a hash: ticket → <c>"{number}:{buyer}"</c>;</item>
/// <item><c>buyers</c>, a hash: buyer → ticket (one ticket per buyer per sale).</item>
/// </list>
/// A ticket's number is its place in join order; nobody leaves a queue, so a sorted set would add nothing
/// to the number itself.
/// </summary>
internal static class WaitingRoomScripts
{
    /// <summary>Outcomes of <see cref="Join"/> (the reply's first element).</summary>
    public const long Full = 0;
    public const long AlreadyHeld = 1;
    public const long Issued = 2;

    /// <summary>
    /// Brings the line up to the caller's clock (the same arithmetic as <c>AdmissionLine.At</c>), then
    /// returns the buyer's ticket, refuses a full queue, or issues the fresh ticket at the back. Atomic: two
    /// buyers never get one number and the cap is never passed. The line is written only when a ticket is
    /// issued: bringing it up to date without issuing changes nothing a later call would compute
    /// (accrual is linear until everyone is admitted, and then the credit is dropped either way).
    /// KEYS: line, tickets, buyers. ARGV: buyer, fresh ticket, now (ticks since the start), admissions per
    /// second, capacity, key lifetime (ms). Reply: outcome, ticket, number, issued, admitted, credit, cursor.
    /// </summary>
    public const string Join = """
        local TICKS_PER_SECOND = 10000000
        local state = redis.call('HMGET', KEYS[1], 'issued', 'admitted', 'credit', 'cursor')
        local issued = tonumber(state[1]) or 0
        local admitted = tonumber(state[2]) or 0
        local credit = tonumber(state[3]) or 0
        local cursor = tonumber(state[4]) or 0
        local now = tonumber(ARGV[3])
        local rate = tonumber(ARGV[4])

        -- Nothing accrues before the start (cursor 0) or when the clock steps back.
        if now > cursor then
          local units = (now - cursor) * rate + credit
          -- Compared before dividing: once the time admits everyone waiting the product may pass 2^53
          -- (a long idle spell), and then its exact value no longer matters.
          if units >= (issued - admitted) * TICKS_PER_SECOND then
            admitted = issued
            credit = 0
          else
            local accrued = math.floor(units / TICKS_PER_SECOND)
            admitted = admitted + accrued
            credit = units - accrued * TICKS_PER_SECOND
          end
          cursor = now
        end

        local held = redis.call('HGET', KEYS[3], ARGV[1])
        if held then
          local holder = redis.call('HGET', KEYS[2], held)
          local number = tonumber(string.match(holder, '^(%d+):'))
          return {1, held, number, issued, admitted, credit, cursor}
        end

        if issued >= tonumber(ARGV[5]) then
          return {0, '', 0, issued, admitted, credit, cursor}
        end

        issued = issued + 1
        -- '%.0f': Lua 5.1 prints large numbers in exponent form; these are exact integers.
        redis.call('HSET', KEYS[2], ARGV[2], string.format('%.0f', issued) .. ':' .. ARGV[1])
        redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
        redis.call('HSET', KEYS[1],
          'issued', string.format('%.0f', issued), 'admitted', string.format('%.0f', admitted),
          'credit', string.format('%.0f', credit), 'cursor', string.format('%.0f', cursor))
        for i = 1, 3 do
          redis.call('PEXPIRE', KEYS[i], ARGV[6])
        end
        return {2, ARGV[2], issued, issued, admitted, credit, cursor}
        """;

    /// <summary>
    /// A ticket's holder (<c>"{number}:{buyer}"</c>) and the line as stored, read together so the line has
    /// issued the ticket. Reads only: the caller brings the line up to its clock.
    /// KEYS: line, tickets. ARGV: ticket. Reply: nil, or holder, issued, admitted, credit, cursor.
    /// </summary>
    public const string Find = """
        local holder = redis.call('HGET', KEYS[2], ARGV[1])
        if not holder then
          return false
        end
        local state = redis.call('HMGET', KEYS[1], 'issued', 'admitted', 'credit', 'cursor')
        return {holder, state[1], state[2], state[3], state[4]}
        """;
}
