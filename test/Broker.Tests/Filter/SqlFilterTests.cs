using RocketMQ.Go.Port.Broker.Filter;

namespace RocketMQ.Go.Port.Tests.Filter;

public class SqlFilterTests
{
    private static readonly Dictionary<string, string> Props = new()
    {
        ["a"] = "10",
        ["b"] = "abc",
        ["c"] = "2.5",
        ["flag"] = "true",
        ["TAGS"] = "TagA",
    };

    private static bool Match(string sql, Dictionary<string, string>? props = null)
        => SqlParser.Parse(sql).Matches(k => (props ?? Props).TryGetValue(k, out var v) ? v : null);

    [Theory]
    [InlineData("a > 5", true)]
    [InlineData("a >= 10", true)]
    [InlineData("a < 10", false)]
    [InlineData("a <= 9", false)]
    [InlineData("a = 10", true)]
    [InlineData("a <> 10", false)]
    [InlineData("c > 2", false)] // Java converts "2.5" with Long.valueOf and fails: no match
    [InlineData("c > 2.0", true)]
    [InlineData("c = 2.5", true)]
    [InlineData("b = 'abc'", true)]
    [InlineData("b = 'ABC'", false)]
    [InlineData("b <> 'x'", true)]
    [InlineData("a BETWEEN 1 AND 10", true)]
    [InlineData("a BETWEEN 11 AND 20", false)]
    [InlineData("a NOT BETWEEN 11 AND 20", true)]
    [InlineData("b IN ('x', 'abc')", true)]
    [InlineData("b NOT IN ('x', 'abc')", false)]
    [InlineData("TAGS IN ('TagA')", true)]
    [InlineData("missing IS NULL", true)]
    [InlineData("a IS NULL", false)]
    [InlineData("a IS NOT NULL", true)]
    [InlineData("missing IS NOT NULL", false)]
    [InlineData("flag = TRUE", true)]
    [InlineData("a > 5 AND b = 'abc'", true)]
    [InlineData("a > 50 OR b = 'abc'", true)]
    [InlineData("NOT (a > 50)", true)]
    [InlineData("(a > 50 OR b = 'x') AND TRUE", false)]
    [InlineData("a > -1", true)]
    [InlineData("b = 'it''s'", false)]
    [InlineData("a > 5 -- trailing comment", true)]
    [InlineData("a /* inline */ > 5", true)]
    [InlineData("a > 5 and b = 'abc'", true)]
    public void Evaluates_like_the_java_selector(string sql, bool expected) => Match(sql).Should().Be(expected);

    [Theory]
    [InlineData("missing > 5")]
    [InlineData("missing = 'x'")]
    [InlineData("NOT (missing = 'x')")]
    [InlineData("missing IN ('x')")]
    [InlineData("b > 5")]
    [InlineData("b > 'a'")]
    public void Unknown_or_invalid_comparisons_never_match(string sql) => Match(sql).Should().BeFalse();

    [Fact]
    public void Unknown_or_true_is_true_and_unknown_and_false_is_false()
    {
        Match("missing > 5 OR a = 10").Should().BeTrue();
        Match("missing > 5 AND a = 10").Should().BeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("a >")]
    [InlineData("a = 'unterminated")]
    [InlineData("a")]
    [InlineData("a AND b")]
    [InlineData("a IN (1, 2)")]
    [InlineData("(a > 1")]
    [InlineData("a > 1 b")]
    [InlineData("a # 1")]
    [InlineData("a > 01")]
    public void Bad_syntax_is_refused(string sql)
        => FluentActions.Invoking(() => SqlParser.Parse(sql)).Should().Throw<FormatException>();
}
