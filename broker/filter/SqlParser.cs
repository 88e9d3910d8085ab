using System.Globalization;
using System.Text;

namespace RocketMQ.Go.Port.Broker.Filter;

/// <summary>
/// Parses RocketMQ's SQL92 selector subset (Java: SelectorParser.jj): OR, AND, =, &lt;&gt;, IS [NOT] NULL, &gt;,
/// &gt;=, &lt;, &lt;=, [NOT] BETWEEN, [NOT] IN ('a', ...), NOT, unary +/-, TRUE, FALSE, NULL, integer, decimal and
/// 'string' literals, properties, parentheses and -- or /* */ comments. Keywords are case-insensitive.
/// Hand-written because no SQL92 selector library exists for .NET that matches Java's semantics.
/// </summary>
internal sealed class SqlParser
{
    private readonly List<Token> _tokens;
    private int _position;

    private SqlParser(List<Token> tokens) => _tokens = tokens;

    /// <summary>Compiles an expression; throws <see cref="FormatException"/> on bad syntax.</summary>
    public static SqlExpression Parse(string expression)
    {
        var parser = new SqlParser(Tokenize(expression));
        var result = parser.Or();
        if (parser.Peek.Kind != TokenKind.End)
        {
            throw new FormatException($"unexpected '{parser.Peek.Text}' at position {parser.Peek.Position}");
        }

        if (!result.IsBoolean)
        {
            throw new FormatException("the expression is not a condition");
        }

        return result;
    }

    private Token Peek => _tokens[_position];

    private Token Next() => _tokens[_position++];

    private bool Accept(string keywordOrSymbol)
    {
        var t = Peek;
        if ((t.Kind == TokenKind.Keyword || t.Kind == TokenKind.Symbol) && t.Text == keywordOrSymbol)
        {
            _position++;
            return true;
        }

        return false;
    }

    private bool AcceptPair(string first, string second)
    {
        if (_position + 1 < _tokens.Count && _tokens[_position].Text == first && _tokens[_position].Kind == TokenKind.Keyword
            && _tokens[_position + 1].Text == second && _tokens[_position + 1].Kind == TokenKind.Keyword)
        {
            _position += 2;
            return true;
        }

        return false;
    }

    private void Expect(string keywordOrSymbol)
    {
        if (!Accept(keywordOrSymbol))
        {
            throw new FormatException($"expected '{keywordOrSymbol}' at position {Peek.Position}, found '{Peek.Text}'");
        }
    }

    private SqlExpression Or()
    {
        var left = And();
        while (Accept("OR"))
        {
            left = new LogicExpression(Boolean(left), Boolean(And()), isAnd: false);
        }

        return left;
    }

    private SqlExpression And()
    {
        var left = Equality();
        while (Accept("AND"))
        {
            left = new LogicExpression(Boolean(left), Boolean(Equality()), isAnd: true);
        }

        return left;
    }

    private SqlExpression Equality()
    {
        var left = Comparison();
        while (true)
        {
            if (Accept("="))
            {
                left = new ComparisonExpression(left, Comparison(), "=");
            }
            else if (Accept("<>"))
            {
                left = new ComparisonExpression(left, Comparison(), "<>");
            }
            else if (AcceptPair("IS", "NULL"))
            {
                left = new ComparisonExpression(left, new ConstantExpression(null), "=");
            }
            else if (Peek.Text == "IS" && Peek.Kind == TokenKind.Keyword)
            {
                Next();
                Expect("NOT");
                Expect("NULL");
                left = new NotExpression(new ComparisonExpression(left, new ConstantExpression(null), "="));
            }
            else
            {
                return left;
            }
        }
    }

    private SqlExpression Comparison()
    {
        var left = Unary();
        while (true)
        {
            string? op = Peek.Kind == TokenKind.Symbol && Peek.Text is ">" or ">=" or "<" or "<=" ? Peek.Text : null;
            if (op is not null)
            {
                Next();
                left = new ComparisonExpression(left, Unary(), op);
            }
            else if (Accept("BETWEEN"))
            {
                left = Between(left, not: false);
            }
            else if (AcceptPair("NOT", "BETWEEN"))
            {
                left = Between(left, not: true);
            }
            else if (Accept("IN"))
            {
                left = In(left, not: false);
            }
            else if (AcceptPair("NOT", "IN"))
            {
                left = In(left, not: true);
            }
            else
            {
                return left;
            }
        }
    }

    private SqlExpression Between(SqlExpression value, bool not)
    {
        var low = Unary();
        Expect("AND");
        var high = Unary();
        return not
            ? new LogicExpression(new ComparisonExpression(value, low, "<"), new ComparisonExpression(value, high, ">"), isAnd: false)
            : new LogicExpression(new ComparisonExpression(value, low, ">="), new ComparisonExpression(value, high, "<="), isAnd: true);
    }

    private SqlExpression In(SqlExpression value, bool not)
    {
        if (value is not PropertyExpression property)
        {
            throw new FormatException("IN needs a property on its left");
        }

        Expect("(");
        var values = new List<string> { StringLiteral() };
        while (Accept(","))
        {
            values.Add(StringLiteral());
        }

        Expect(")");
        return new InExpression(property, values, not);
    }

    private string StringLiteral()
    {
        var t = Next();
        return t.Kind == TokenKind.String ? t.Text : throw new FormatException($"expected a 'string' at position {t.Position}, found '{t.Text}'");
    }

    private SqlExpression Unary()
    {
        if (Accept("+"))
        {
            return Unary();
        }

        if (Accept("-"))
        {
            var operand = Unary();
            return operand is ConstantExpression { Value: long l } ? new ConstantExpression(-l)
                : operand is ConstantExpression { Value: double d } ? new ConstantExpression(-d)
                : new NegateExpression(operand);
        }

        if (Accept("NOT"))
        {
            return new NotExpression(Boolean(Unary()));
        }

        return Primary();
    }

    private SqlExpression Primary()
    {
        var t = Next();
        switch (t.Kind)
        {
            case TokenKind.Keyword when t.Text == "TRUE":
                return new ConstantExpression(true);
            case TokenKind.Keyword when t.Text == "FALSE":
                return new ConstantExpression(false);
            case TokenKind.Keyword when t.Text == "NULL":
                return new ConstantExpression(null);
            case TokenKind.Integer:
                return new ConstantExpression(long.Parse(t.Text.TrimEnd('l', 'L'), CultureInfo.InvariantCulture));
            case TokenKind.Decimal:
                return new ConstantExpression(double.Parse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture));
            case TokenKind.String:
                return new ConstantExpression(t.Text);
            case TokenKind.Identifier:
                return new PropertyExpression(t.Text);
            case TokenKind.Symbol when t.Text == "(":
                var inner = Or();
                Expect(")");
                return inner;
            default:
                throw new FormatException(t.Kind == TokenKind.End ? "unexpected end of expression" : $"unexpected '{t.Text}' at position {t.Position}");
        }
    }

    private static SqlExpression Boolean(SqlExpression e)
        => e.IsBoolean ? e : throw new FormatException("a condition is needed here, not a value");

    private static readonly HashSet<string> Keywords = ["NOT", "AND", "OR", "BETWEEN", "IN", "TRUE", "FALSE", "NULL", "IS"];

    private static List<Token> Tokenize(string s)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && i + 1 < s.Length && s[i + 1] == '-')
            {
                while (i < s.Length && s[i] is not ('\n' or '\r'))
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < s.Length && s[i + 1] == '*')
            {
                var end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? throw new FormatException("unterminated comment") : end + 2;
            }
            else if (c == '\'')
            {
                var start = i++;
                var text = new StringBuilder();
                while (true)
                {
                    if (i >= s.Length)
                    {
                        throw new FormatException($"unterminated string at position {start}");
                    }

                    if (s[i] == '\'')
                    {
                        if (i + 1 < s.Length && s[i + 1] == '\'')
                        {
                            text.Append('\'');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    text.Append(s[i++]);
                }

                tokens.Add(new Token(TokenKind.String, text.ToString(), start));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1])))
            {
                tokens.Add(Number(s, ref i));
            }
            else if (char.IsAsciiLetter(c) || c is '_' or '$')
            {
                var start = i;
                while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '_' or '$'))
                {
                    i++;
                }

                var word = s[start..i];
                var upper = word.ToUpperInvariant();
                tokens.Add(Keywords.Contains(upper) ? new Token(TokenKind.Keyword, upper, start) : new Token(TokenKind.Identifier, word, start));
            }
            else
            {
                var two = i + 1 < s.Length ? s.Substring(i, 2) : "";
                if (two is "<>" or ">=" or "<=")
                {
                    tokens.Add(new Token(TokenKind.Symbol, two, i));
                    i += 2;
                }
                else if (c is '=' or '>' or '<' or '(' or ')' or ',' or '+' or '-')
                {
                    tokens.Add(new Token(TokenKind.Symbol, c.ToString(), i));
                    i++;
                }
                else
                {
                    throw new FormatException($"unexpected character '{c}' at position {i}");
                }
            }
        }

        tokens.Add(new Token(TokenKind.End, "", s.Length));
        return tokens;
    }

    private static Token Number(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        var isDecimal = false;
        if (i < s.Length && s[i] == '.')
        {
            isDecimal = true;
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            isDecimal = true;
            i++;
            if (i < s.Length && s[i] is '+' or '-')
            {
                i++;
            }

            if (i >= s.Length || !char.IsAsciiDigit(s[i]))
            {
                throw new FormatException($"bad exponent at position {i}");
            }

            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }
        }

        if (!isDecimal && i < s.Length && s[i] is 'l' or 'L')
        {
            i++;
        }

        var text = s[start..i];
        if (!isDecimal && text.Length > 1 && text[0] == '0')
        {
            throw new FormatException($"'{text}': integers other than 0 do not start with 0");
        }

        return new Token(isDecimal ? TokenKind.Decimal : TokenKind.Integer, text, start);
    }

    private enum TokenKind
    {
        Keyword,
        Identifier,
        Integer,
        Decimal,
        String,
        Symbol,
        End,
    }

    private readonly record struct Token(TokenKind Kind, string Text, int Position);
}
