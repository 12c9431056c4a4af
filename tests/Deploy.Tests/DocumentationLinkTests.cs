using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GruPedalPi.Deploy.Tests;

/// <summary>
/// The README and docs/ link to each other, to files of the repository and to headings; when a section moves, a link
/// that pointed at it must move too. Every relative link must reach an existing file or folder (relative to the file
/// that links), and every <c>#anchor</c> a heading of the target as GitHub names it. Links with a scheme
/// (<c>https:</c>, <c>mailto:</c>, ...) and anything inside code blocks or inline code are not links to check.
/// </summary>
public sealed partial class DocumentationLinkTests
{
    [Fact]
    public void Every_relative_link_in_the_readme_and_docs_resolves()
    {
        var files = DocumentationFiles();
        Assert.Contains(files, file => Path.GetFileName(file) == "README.md");

        var broken = files.SelectMany(BrokenLinks).ToList();

        Assert.True(broken.Count == 0, $"{broken.Count} broken link(s):\n{string.Join('\n', broken)}");
    }

    [Fact]
    public void Anchors_are_named_as_github_names_them()
    {
        // The rules the anchors follow: lowercase, spaces to '-', punctuation other than '-' and '_' removed,
        // markup dropped, and a repeated heading numbered from -1.
        var anchors = Anchors(
            [
                "# The sound, second step: noise gate",
                "## Round-trip measurement: `gru-pedal latency`",
                "### plot: the seed's figures for any settings",
                "## Wiring (default configuration)",
                "## Commands",
                "## Commands",
                "## A [link](x.md) and **bold** and snake_case",
                "```",
                "# not a heading: inside a code block",
                "```",
            ]);

        Assert.Equal(
            [
                "the-sound-second-step-noise-gate",
                "round-trip-measurement-gru-pedal-latency",
                "plot-the-seeds-figures-for-any-settings",
                "wiring-default-configuration",
                "commands",
                "commands-1",
                "a-link-and-bold-and-snake_case",
            ],
            anchors);
    }

    [Fact]
    public void A_link_to_a_missing_file_or_heading_is_reported_with_its_file_and_line()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"gru-links-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(folder, "docs"));
        try
        {
            File.WriteAllText(Path.Combine(folder, "docs", "a.md"), "# A\n\n## Real heading\n");
            var readme = Path.Combine(folder, "README.md");
            File.WriteAllText(
                readme,
                string.Join(
                    '\n',
                    "# Title",
                    "[good](docs/a.md#real-heading) [good too](#title) [web](https://example.invalid/x)",
                    "[no file](docs/b.md)",
                    "`[in code](nowhere.md)`",
                    "```",
                    "[in a block](nowhere.md)",
                    "```",
                    "[no heading](docs/a.md#moved-heading)"));

            var broken = BrokenLinks(readme, folder).ToList();

            Assert.Equal(2, broken.Count);
            Assert.StartsWith("README.md:3: docs/b.md", broken[0], StringComparison.Ordinal);
            Assert.StartsWith("README.md:8: docs/a.md#moved-heading", broken[1], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The root's Markdown files (README.md, CONTRIBUTING.md, ...) and every Markdown file under docs/.</summary>
    private static List<string> DocumentationFiles()
    {
        var root = Shell.RepositoryRoot;
        var files = Directory.GetFiles(root, "*.md").ToList();
        var docs = Path.Combine(root, "docs");
        if (Directory.Exists(docs))
        {
            files.AddRange(Directory.GetFiles(docs, "*.md", SearchOption.AllDirectories));
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static IEnumerable<string> BrokenLinks(string file) => BrokenLinks(file, Shell.RepositoryRoot);

    /// <summary>One line per broken link of <paramref name="file"/>: "path:line: target: why".</summary>
    private static IEnumerable<string> BrokenLinks(string file, string root)
    {
        var name = Path.GetRelativePath(root, file);
        foreach (var (line, target) in Links(File.ReadAllLines(file)))
        {
            var problem = Problem(file, root, target);
            if (problem is not null)
            {
                yield return $"{name}:{line.ToString(CultureInfo.InvariantCulture)}: {target}: {problem}";
            }
        }
    }

    /// <summary>Why a link does not resolve, or null when it does.</summary>
    private static string? Problem(string file, string root, string target)
    {
        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var pathPart = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
        var anchor = hash < 0 ? null : Uri.UnescapeDataString(target[(hash + 1)..]);

        string resolved;
        if (pathPart.Length == 0)
        {
            resolved = file;
        }
        else
        {
            // GitHub resolves a leading '/' from the repository's root.
            var start = pathPart.StartsWith('/') ? root : Path.GetDirectoryName(file)!;
            resolved = Path.GetFullPath(Path.Combine(start, pathPart.TrimStart('/')));
            var inside = Path.GetRelativePath(root, resolved);
            if (inside == ".." || inside.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                return "points outside the repository";
            }

            if (!File.Exists(resolved) && !Directory.Exists(resolved))
            {
                return $"no such file or folder ({inside})";
            }
        }

        // Anchors are checked in Markdown files only (a source file's #L10 is GitHub's, not a heading).
        if (string.IsNullOrEmpty(anchor) || !resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
            || !File.Exists(resolved))
        {
            return null;
        }

        var anchors = Anchors(File.ReadAllLines(resolved));
        return anchors.Contains(anchor.ToLowerInvariant())
            ? null
            : $"no heading with the anchor #{anchor} in {Path.GetRelativePath(root, resolved)}";
    }

    /// <summary>The links outside code: inline links and images, reference definitions and HTML href/src.</summary>
    private static IEnumerable<(int Line, string Target)> Links(string[] lines)
    {
        foreach (var (index, text) in Prose(lines))
        {
            var prose = InlineCode().Replace(text, string.Empty);
            var found = InlineLink().Matches(prose).Select(m => m.Groups["target"].Value)
                .Concat(ReferenceDefinition().Matches(prose).Select(m => m.Groups["target"].Value))
                .Concat(HtmlLink().Matches(prose).Select(m => m.Groups["target"].Value));
            foreach (var raw in found)
            {
                var target = raw.StartsWith('<') && raw.EndsWith('>') ? raw[1..^1] : raw;
                if (target.Length > 0 && !Scheme().IsMatch(target))
                {
                    yield return (index + 1, target);
                }
            }
        }
    }

    /// <summary>Every heading's anchor, in order, as GitHub makes them (a repeated one gets -1, -2, ...).</summary>
    private static List<string> Anchors(string[] lines)
    {
        var anchors = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        string? previous = null;
        foreach (var (index, text) in Prose(lines))
        {
            string? heading = null;
            var atx = AtxHeading().Match(text);
            if (atx.Success)
            {
                heading = atx.Groups["text"].Value;
            }
            else if (previous is not null && SetextUnderline().IsMatch(text) && index > 0 && lines[index - 1] == previous)
            {
                heading = previous;
            }

            previous = string.IsNullOrWhiteSpace(text) || atx.Success ? null : text;
            if (heading is null)
            {
                continue;
            }

            var slug = Slug(heading);
            var count = seen.GetValueOrDefault(slug);
            seen[slug] = count + 1;
            anchors.Add(count == 0 ? slug : $"{slug}-{count.ToString(CultureInfo.InvariantCulture)}");
        }

        foreach (var line in lines)
        {
            anchors.AddRange(HtmlAnchor().Matches(line).Select(m => m.Groups["name"].Value));
        }

        return anchors;
    }

    /// <summary>GitHub's anchor of a heading: markup dropped, lowercase, spaces to '-', other punctuation removed.</summary>
    private static string Slug(string heading)
    {
        var text = MarkdownLink().Replace(heading.Trim(), "${text}");
        var slug = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (c == ' ')
            {
                slug.Append('-');
            }
            else if (c is '-' or '_' || char.IsLetterOrDigit(c)
                || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                slug.Append(c);
            }
        }

        return slug.ToString();
    }

    /// <summary>The lines (with their 0-based index) that are not inside a fenced or indented code block.</summary>
    private static IEnumerable<(int Index, string Text)> Prose(string[] lines)
    {
        string? fence = null;
        var previousBlank = true;
        var inIndentedCode = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var fenceMatch = Fence().Match(line);
            if (fence is not null)
            {
                if (fenceMatch.Success && fenceMatch.Groups["fence"].Value.StartsWith(fence, StringComparison.Ordinal)
                    && fenceMatch.Groups["info"].Value.Trim().Length == 0)
                {
                    fence = null;
                }

                previousBlank = false;
                continue;
            }

            if (fenceMatch.Success)
            {
                fence = fenceMatch.Groups["fence"].Value;
                previousBlank = false;
                continue;
            }

            var blank = string.IsNullOrWhiteSpace(line);
            var indented = line.StartsWith("    ", StringComparison.Ordinal) || line.StartsWith('\t');
            inIndentedCode = !blank && indented && (previousBlank || inIndentedCode) || blank && inIndentedCode;
            previousBlank = blank;
            if (!inIndentedCode)
            {
                yield return (i, line);
            }
        }
    }

    [GeneratedRegex(@"^ {0,3}(?<fence>`{3,}|~{3,})(?<info>.*)$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"(?<ticks>`+).*?\k<ticks>")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\]\(\s*(?<target><[^>\n]*>|[^)\s]+)(?:\s+(?:""[^""]*""|'[^']*'|\([^)]*\)))?\s*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^ {0,3}\[[^\]]+\]:\s*(?<target>\S+)")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"<(?:a|img)\b[^>]*?\b(?:href|src)\s*=\s*""(?<target>[^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlLink();

    [GeneratedRegex(@"<a\b[^>]*?\b(?:name|id)\s*=\s*""(?<name>[^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlAnchor();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*:")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"^ {0,3}#{1,6}[ \t]+(?<text>.*?)(?:[ \t]+#+)?[ \t]*$")]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"^ {0,3}(?:=+|-+)[ \t]*$")]
    private static partial Regex SetextUnderline();

    [GeneratedRegex(@"!?\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();
}
