using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using CryptoFunk.Markets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoFunk.Tests.Fakes;

/// <summary>
/// A local stand-in for Binance's public spot REST API on 127.0.0.1: <c>/api/v3/klines</c>, <c>/api/v3/exchangeInfo</c>,
/// <c>/api/v3/depth</c> and <c>/api/v3/ticker/24hr</c> in Binance's real shapes, with deterministic candles for any range, Binance's
/// startTime/endTime/limit rules, its error bodies, the <c>X-MBX-USED-WEIGHT-1M</c> header, and scripted failures
/// (<see cref="Enqueue"/>) that replace the next answers. It also serves the USDⓈ-M futures statistics read for
/// sentiment (<c>/fapi/v1/fundingRate</c>, <c>/futures/data/openInterestHist</c>,
/// <c>/futures/data/globalLongShortAccountRatio</c>), never a row stamped after its present.
/// </summary>
internal sealed class FakeBinanceServer : IAsyncDisposable
{
    public const string Symbol = "BTCUSDT";

    private static readonly Dictionary<string, TimeSpan> Intervals = new(StringComparer.Ordinal)
    {
        ["1m"] = TimeSpan.FromMinutes(1), ["3m"] = TimeSpan.FromMinutes(3), ["5m"] = TimeSpan.FromMinutes(5),
        ["15m"] = TimeSpan.FromMinutes(15), ["30m"] = TimeSpan.FromMinutes(30), ["1h"] = TimeSpan.FromHours(1),
        ["2h"] = TimeSpan.FromHours(2), ["4h"] = TimeSpan.FromHours(4), ["6h"] = TimeSpan.FromHours(6),
        ["8h"] = TimeSpan.FromHours(8), ["12h"] = TimeSpan.FromHours(12), ["1d"] = TimeSpan.FromDays(1),
        ["3d"] = TimeSpan.FromDays(3), ["1w"] = TimeSpan.FromDays(7),
    };

    /// <summary>Funding settles every 8 hours, at 00:00, 08:00 and 16:00 UTC.</summary>
    public static readonly TimeSpan FundingInterval = TimeSpan.FromHours(8);

    private static readonly HashSet<string> FuturesPeriods = ["5m", "15m", "30m", "1h", "2h", "4h", "6h", "12h", "1d"];

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeResponse> _script = new();
    private readonly ConcurrentQueue<RecordedBinanceRequest> _requests = new();
    private int _usedWeight;
    private DateTimeOffset _now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private FakeBinanceServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Where the fake listens, such as <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Open time of the first candle the market has (BTCUSDT's real listing hour by default).</summary>
    public DateTimeOffset ListedAt { get; set; } = new(2017, 8, 17, 4, 0, 0, TimeSpan.Zero);

    /// <summary>The fake's present: no candle opens after it. Follows <see cref="Clock"/> when one is set.</summary>
    public DateTimeOffset Now
    {
        get => Clock?.GetUtcNow() ?? _now;
        set => _now = value;
    }

    /// <summary>
    /// A clock the fake lives by, as live trading sees Binance: the bar forming at its present is served with
    /// provisional values (<see cref="ProvisionalCandleAt"/>), as Binance serves its current kline.
    /// </summary>
    public TimeProvider? Clock { get; set; }

    /// <summary>
    /// Bars the exchange finishes late (open time, when they become final): until then such a bar is served with
    /// provisional values and no later bar is served, as when Binance lags behind its trades. Needs <see cref="Clock"/>.
    /// </summary>
    public Dictionary<DateTimeOffset, DateTimeOffset> LateBars { get; } = [];

    /// <summary>Open times the exchange has no candle for (outages).</summary>
    public HashSet<DateTimeOffset> MissingOpenTimes { get; } = [];

    /// <summary>
    /// The order rules <c>/api/v3/exchangeInfo</c> serves per Binance symbol (Binance's real BTCUSDT and ETHUSDT values
    /// by default); a symbol not listed is answered as Binance answers an unknown one.
    /// </summary>
    public Dictionary<string, ExchangeRules> OrderRules { get; } = new(StringComparer.Ordinal)
    {
        ["BTCUSDT"] = new(0.00001m, 0.00001m, 5m, 0.01m),
        ["ETHUSDT"] = new(0.0001m, 0.0001m, 5m, 0.01m),
    };

    /// <summary>When set, the weight header reports this value instead of the fake's own count.</summary>
    public int? ReportedUsedWeight { get; set; }

    /// <summary>
    /// When set, the futures statistics are served up to the fake's present whatever <c>endTime</c> asks, as a server
    /// that ignored it would: the client must drop the rows after its decision itself.
    /// </summary>
    public bool FuturesIgnoresEndTime { get; set; }

    /// <summary>Answers every request to a path (such as <c>/api/v3/depth</c>) with its response, for as long as it is set.</summary>
    public ConcurrentDictionary<string, FakeResponse> FailingPaths { get; } = new(StringComparer.Ordinal);

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedBinanceRequest> Requests => [.. _requests];

    public static async Task<FakeBinanceServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeBinanceServer(app);
        app.Use(server.InterceptAsync);
        app.MapGet("/api/v3/klines", server.KlinesAsync);
        app.MapGet("/api/v3/exchangeInfo", server.ExchangeInfoAsync);
        app.MapGet("/api/v3/depth", server.DepthAsync);
        app.MapGet("/api/v3/ticker/24hr", server.TickerAsync);
        app.MapGet("/fapi/v1/fundingRate", server.FundingRateAsync);
        app.MapGet("/futures/data/openInterestHist", server.OpenInterestAsync);
        app.MapGet("/futures/data/globalLongShortAccountRatio", server.LongShortRatioAsync);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(bound);
        return server;
    }

    /// <summary>Answers the next request with <paramref name="response"/> instead of the real answer.</summary>
    public void Enqueue(params FakeResponse[] responses)
    {
        foreach (var response in responses)
        {
            _script.Enqueue(response);
        }
    }

    /// <summary>The deterministic candle the fake serves at <paramref name="openTime"/>; tests compute expectations with it.</summary>
    public static Candle CandleAt(DateTimeOffset openTime)
    {
        var i = openTime.ToUnixTimeSeconds() / 60;
        var open = 20_000m + (i * 37 % 5_000) + (i % 100 / 100m);
        var close = open + (((i * 13) % 200) - 100) / 10m;
        var high = Math.Max(open, close) + (i % 7) + 0.5m;
        var low = Math.Min(open, close) - (i % 5) - 0.25m;
        var volume = 100m + (i * 7 % 1_000) + 0.12345678m;
        return new Candle(openTime, open, high, low, close, volume);
    }

    /// <summary>What the fake serves for a bar not final yet: the open price throughout, a tenth of the volume.</summary>
    public static Candle ProvisionalCandleAt(DateTimeOffset openTime)
    {
        var final = CandleAt(openTime);
        return new Candle(openTime, final.Open, final.Open, final.Open, final.Open, final.Volume / 10m);
    }

    /// <summary>The funding rate the fake serves as settled at <paramref name="time"/>: around +0.01 %, varying by period.</summary>
    public static decimal FundingRateAt(DateTimeOffset time) => 0.0001m + (((time.ToUnixTimeSeconds() / 28_800 % 5) - 2) * 0.00001m);

    /// <summary>The open interest (BTC) the fake serves as read at <paramref name="time"/>.</summary>
    public static decimal OpenInterestAt(DateTimeOffset time) => 80_000m + (time.ToUnixTimeSeconds() / 300 % 997) + 0.125m;

    /// <summary>The share of accounts long the fake serves as read at <paramref name="time"/>: 0.55 to 0.64.</summary>
    public static decimal LongShareAt(DateTimeOffset time) => 0.55m + (time.ToUnixTimeSeconds() / 300 % 10 / 100m);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task InterceptAsync(HttpContext context, Func<Task> next)
    {
        _requests.Enqueue(new RecordedBinanceRequest(
            context.Request.Path.Value ?? string.Empty,
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal)));
        var used = Interlocked.Add(ref _usedWeight, WeightOf(context.Request));
        context.Response.Headers["X-MBX-USED-WEIGHT-1M"] = (ReportedUsedWeight ?? used).ToString(CultureInfo.InvariantCulture);
        if (!FailingPaths.TryGetValue(context.Request.Path.Value ?? string.Empty, out var scripted) && !_script.TryDequeue(out scripted))
        {
            await next();
            return;
        }

        if (scripted.Hang)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = scripted.StatusCode;
        if (scripted.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        if (scripted.Body is not null)
        {
            context.Response.ContentType = "application/json;charset=UTF-8";
            await context.Response.WriteAsync(scripted.Body);
        }
    }

    private static int WeightOf(HttpRequest request) => request.Path.Value switch
    {
        "/api/v3/klines" => 2,
        "/api/v3/exchangeInfo" => 20,
        "/api/v3/ticker/24hr" => 2,
        "/api/v3/depth" => int.TryParse(request.Query["limit"], out var limit) ? limit switch
        {
            <= 100 => 5,
            <= 500 => 25,
            <= 1000 => 50,
            _ => 250,
        } : 5,
        _ => 1,
    };

    private Task KlinesAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (query["symbol"] != Symbol)
        {
            return Error(context, -1121, "Invalid symbol.");
        }

        if (!Intervals.TryGetValue(query["interval"].ToString(), out var step))
        {
            return Error(context, -1120, "Invalid interval.");
        }

        var limit = query.ContainsKey("limit") ? int.Parse(query["limit"]!, CultureInfo.InvariantCulture) : 500;
        if (limit is < 1 or > 1000)
        {
            return Error(context, -1130, "Invalid data sent for a parameter.");
        }

        var now = Now;
        var end = query.ContainsKey("endTime")
            ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(query["endTime"]!, CultureInfo.InvariantCulture))
            : now;
        if (end > now)
        {
            end = now;
        }

        // The exchange is stuck in the earliest late bar not final yet: nothing after it is served.
        DateTimeOffset? stuck = Clock is null ? null : LateBars.Where(b => b.Key <= now && b.Value > now).Select(b => (DateTimeOffset?)b.Key).Min();
        if (stuck is { } stuckAt && end > stuckAt)
        {
            end = stuckAt;
        }

        // Binance's weekly bars open on Mondays; every other bar is aligned to the Unix epoch.
        var anchor = step == TimeSpan.FromDays(7) ? DateTimeOffset.UnixEpoch.AddDays(4) : DateTimeOffset.UnixEpoch;
        var rows = new List<DateTimeOffset>();
        if (query.ContainsKey("startTime"))
        {
            var start = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(query["startTime"]!, CultureInfo.InvariantCulture));
            for (var t = AlignUp(start < ListedAt ? ListedAt : start, anchor, step); t <= end && rows.Count < limit; t += step)
            {
                if (!MissingOpenTimes.Contains(t))
                {
                    rows.Add(t);
                }
            }
        }
        else
        {
            for (var t = AlignDown(end, anchor, step); t >= ListedAt && rows.Count < limit; t -= step)
            {
                if (!MissingOpenTimes.Contains(t))
                {
                    rows.Insert(0, t);
                }
            }
        }

        var json = new StringBuilder("[");
        foreach (var openTime in rows)
        {
            var c = Clock is not null && (openTime + step > now || openTime == stuck) ? ProvisionalCandleAt(openTime) : CandleAt(openTime);
            var close = openTime + step - TimeSpan.FromMilliseconds(1);
            json.Append(json.Length > 1 ? "," : string.Empty).Append(CultureInfo.InvariantCulture,
                $"[{openTime.ToUnixTimeMilliseconds()},\"{c.Open:F8}\",\"{c.High:F8}\",\"{c.Low:F8}\",\"{c.Close:F8}\",\"{c.Volume:F8}\"," +
                $"{close.ToUnixTimeMilliseconds()},\"{c.Volume * c.Close:F8}\",{1000 + (openTime.ToUnixTimeSeconds() % 977)}," +
                $"\"{c.Volume / 2:F8}\",\"{c.Volume * c.Close / 2:F8}\",\"0\"]");
        }

        return Json(context, json.Append(']').ToString());
    }

    private Task ExchangeInfoAsync(HttpContext context)
    {
        string[] names;
        try
        {
            names = System.Text.Json.JsonSerializer.Deserialize<string[]>(context.Request.Query["symbols"].ToString()) ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return Error(context, -1100, "Illegal characters found in parameter 'symbols'.");
        }

        if (names.Length == 0 || names.Any(name => !OrderRules.ContainsKey(name)))
        {
            return Error(context, -1121, "Invalid symbol.");
        }

        var symbols = names.Select(name =>
        {
            var r = OrderRules[name];
            return string.Create(CultureInfo.InvariantCulture, $$"""
                {"symbol":"{{name}}","status":"TRADING","baseAsset":"{{name[..^4]}}","quoteAsset":"USDT","filters":[
                 {"filterType":"PRICE_FILTER","minPrice":"{{r.TickSize:F8}}","maxPrice":"1000000.00000000","tickSize":"{{r.TickSize:F8}}"},
                 {"filterType":"LOT_SIZE","minQty":"{{r.MinQuantity:F8}}","maxQty":"9000.00000000","stepSize":"{{r.StepSize:F8}}"},
                 {"filterType":"ICEBERG_PARTS","limit":10},
                 {"filterType":"MARKET_LOT_SIZE","minQty":"0.00000000","maxQty":"123.45678900","stepSize":"0.00000000"},
                 {"filterType":"NOTIONAL","minNotional":"{{r.MinNotional:F8}}","applyMinToMarket":true,"maxNotional":"9000000.00000000","applyMaxToMarket":false,"avgPriceMins":5}]}
                """);
        });
        return Json(context, $$"""{"timezone":"UTC","serverTime":{{Now.ToUnixTimeMilliseconds()}},"rateLimits":[],"exchangeFilters":[],"symbols":[{{string.Join(',', symbols)}}]}""");
    }

    private Task DepthAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (query["symbol"] != Symbol)
        {
            return Error(context, -1121, "Invalid symbol.");
        }

        var limit = Math.Min(query.ContainsKey("limit") ? int.Parse(query["limit"]!, CultureInfo.InvariantCulture) : 100, 5000);
        var bids = Enumerable.Range(0, limit).Select(k => $"[\"{64_000.00m - (k * 0.01m):F8}\",\"{0.5m + (k * 0.001m):F8}\"]");
        var asks = Enumerable.Range(0, limit).Select(k => $"[\"{64_000.01m + (k * 0.01m):F8}\",\"{0.25m + (k * 0.002m):F8}\"]");
        return Json(context, $"{{\"lastUpdateId\":1027024,\"bids\":[{string.Join(',', bids)}],\"asks\":[{string.Join(',', asks)}]}}");
    }

    private Task TickerAsync(HttpContext context)
    {
        if (context.Request.Query["symbol"] != Symbol)
        {
            return Error(context, -1121, "Invalid symbol.");
        }

        var close = Now.ToUnixTimeMilliseconds();
        var open = close - 86_400_000;
        return Json(context, $$"""
            {"symbol":"BTCUSDT","priceChange":"-1234.56000000","priceChangePercent":"-1.893","weightedAvgPrice":"64012.34567890",
             "prevClosePrice":"65200.01000000","lastPrice":"63965.44000000","lastQty":"0.00150000","bidPrice":"63965.43000000",
             "bidQty":"2.71828000","askPrice":"63965.44000000","askQty":"0.31415000","openPrice":"65200.00000000",
             "highPrice":"65500.99000000","lowPrice":"63500.00000000","volume":"21345.67890000","quoteVolume":"1366390000.12345678",
             "openTime":{{open}},"closeTime":{{close}},"firstId":3700000000,"lastId":3701234567,"count":1234568}
            """);
    }

    private Task FundingRateAsync(HttpContext context) =>
        FuturesRowsAsync(context, FundingInterval, defaultLimit: 100, maxLimit: 1000, time =>
            $$"""{"symbol":"{{Symbol}}","fundingTime":{{time.ToUnixTimeMilliseconds()}},"fundingRate":"{{FundingRateAt(time):F8}}","markPrice":"64000.12345678"}""");

    private Task OpenInterestAsync(HttpContext context) =>
        PeriodRowsAsync(context, time =>
        {
            var quantity = OpenInterestAt(time);
            return $$"""{"symbol":"{{Symbol}}","sumOpenInterest":"{{quantity:F8}}","sumOpenInterestValue":"{{quantity * 64_000m:F8}}","CMCCirculatingSupply":"19800000.000","timestamp":{{time.ToUnixTimeMilliseconds()}}}""";
        });

    private Task LongShortRatioAsync(HttpContext context) =>
        PeriodRowsAsync(context, time =>
        {
            var longShare = LongShareAt(time);
            var ratio = decimal.Round(longShare / (1m - longShare), 4);
            return $$"""{"symbol":"{{Symbol}}","longAccount":"{{longShare:F4}}","longShortRatio":"{{ratio:F4}}","shortAccount":"{{1m - longShare:F4}}","timestamp":{{time.ToUnixTimeMilliseconds()}}}""";
        });

    private Task PeriodRowsAsync(HttpContext context, Func<DateTimeOffset, string> row)
    {
        var period = context.Request.Query["period"].ToString();
        return FuturesPeriods.Contains(period) && Intervals.TryGetValue(period, out var step)
            ? FuturesRowsAsync(context, step, defaultLimit: 30, maxLimit: 500, row)
            : Error(context, -1120, "Invalid period.");
    }

    /// <summary>
    /// Rows stamped every <paramref name="step"/>, oldest first, within startTime..endTime as Binance serves them: from
    /// the start up to the limit, or the latest ones without a start; never one after the fake's present.
    /// </summary>
    private Task FuturesRowsAsync(HttpContext context, TimeSpan step, int defaultLimit, int maxLimit, Func<DateTimeOffset, string> row)
    {
        var query = context.Request.Query;
        if (query["symbol"] != Symbol)
        {
            return Error(context, -1121, "Invalid symbol.");
        }

        var limit = query.ContainsKey("limit") ? int.Parse(query["limit"]!, CultureInfo.InvariantCulture) : defaultLimit;
        if (limit < 1 || limit > maxLimit)
        {
            return Error(context, -1130, "Invalid data sent for a parameter.");
        }

        var now = Now;
        var end = query.ContainsKey("endTime") && !FuturesIgnoresEndTime
            ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(query["endTime"]!, CultureInfo.InvariantCulture))
            : now;
        end = end > now ? now : end;
        var rows = new List<DateTimeOffset>();
        if (query.ContainsKey("startTime"))
        {
            var start = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(query["startTime"]!, CultureInfo.InvariantCulture));
            for (var t = AlignUp(start, DateTimeOffset.UnixEpoch, step); t <= end && rows.Count < limit; t += step)
            {
                rows.Add(t);
            }
        }
        else
        {
            for (var t = AlignDown(end, DateTimeOffset.UnixEpoch, step); rows.Count < limit; t -= step)
            {
                rows.Insert(0, t);
            }
        }

        return Json(context, $"[{string.Join(',', rows.Select(row))}]");
    }

    private static DateTimeOffset AlignUp(DateTimeOffset time, DateTimeOffset anchor, TimeSpan step)
    {
        var down = AlignDown(time, anchor, step);
        return down == time ? down : down + step;
    }

    private static DateTimeOffset AlignDown(DateTimeOffset time, DateTimeOffset anchor, TimeSpan step) =>
        anchor + TimeSpan.FromTicks((time - anchor).Ticks / step.Ticks * step.Ticks);

    private static Task Error(HttpContext context, int code, string message)
    {
        context.Response.StatusCode = 400;
        return Json(context, $$"""{"code":{{code}},"msg":"{{message}}"}""");
    }

    private static Task Json(HttpContext context, string body)
    {
        context.Response.ContentType = "application/json;charset=UTF-8";
        return context.Response.WriteAsync(body);
    }
}
