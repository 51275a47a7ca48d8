"""The root command: help, version, exit codes, colour, completion and plugins."""
import os
import re
import shutil
import subprocess
import unittest

from harness import KRATIX, KratixTestCase, run_on_terminal


class HelpAndVersionTest(KratixTestCase):
    def test_root_help_lists_commands_and_examples(self):
        for args in (["--help"], ["help"], []):
            with self.subTest(args=args):
                r = self.kratix_ok(*args)
                self.assertIn("Usage: kratix", r.out)
                for cmd in ("init", "update", "add", "remove", "build", "validate", "platform", "plugin", "completion", "version", "help"):
                    self.assertIn(f"\n  {cmd} ", r.out)
                self.assertIn("Examples:", r.out)

    def test_help_for_a_command_three_ways(self):
        outs = [self.kratix_ok(*a).out for a in (["help", "init", "promise"], ["init", "promise", "--help"],
                                                  ["init", "promise", "-h"])]
        self.assertEqual(outs[0], outs[1])
        self.assertEqual(outs[1], outs[2])
        self.assertIn("Usage: kratix init promise", outs[0])
        self.assertIn("--group", outs[0])
        self.assertIn("Examples:", outs[0])
        self.assertIn("kratix init promise postgresql --group myorg.com --kind Database", outs[0])

    def test_each_command_group_alone_reads_as_in_the_whole_tree(self):
        # `kratix init ...` builds only the init group; `kratix help init` builds
        # every group: the two must give the same help, group by group.
        for group in ("init", "update", "add", "remove", "build", "validate", "test", "platform", "version"):
            with self.subTest(group=group):
                alone = self.kratix_ok(group, "--help").out
                self.assertIn(f"Usage: kratix {group}", alone)
                self.assertEqual(alone, self.kratix_ok("help", group).out)
        self.assertEqual(self.kratix_ok("init", "helm-promise", "--help").out,
                         self.kratix_ok("help", "init", "helm-promise").out)

    def test_platform_get_help_and_its_reference_agree(self):
        docs_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "commands.md")
        with open(docs_path) as fh:
            docs = fh.read()
        section = docs[docs.index("## kratix platform get resources"):docs.index("## Differences from kratix-cli")]
        for command in ("resources", "promises"):
            help_text = self.kratix_ok("help", "platform", "get", command).out
            self.assertEqual(help_text, self.kratix_ok("platform", "get", command, "--help").out)
            flags = re.findall(r"^  (?:-\w,)?(--[a-z-]+)", help_text, re.M)
            self.assertIn("--kubeconfig", flags)
            for flag in flags:
                if flag != "--help":
                    self.assertIn(f"`{flag}", section, f"{flag} of platform get {command} is not in docs/commands.md")

    def test_a_command_group_alone_shows_its_help(self):
        r = self.kratix_ok("init")
        self.assertIn("Usage: kratix init", r.out)
        self.assertIn("promise", r.out)

    def test_help_for_an_unknown_command(self):
        r = self.kratix_fails(2, "help", "nope")
        self.assertIn("unknown command 'nope'", r.err)

    def test_version_flag_and_command_agree(self):
        a = self.kratix_ok("--version").out
        b = self.kratix_ok("version").out
        self.assertEqual(a, b)
        self.assertRegex(a, r"^kratix version \d+\.\d+\.\d+ \(git ([0-9a-f]{7,}(-dirty)?|unknown)\)\n$")

    def test_dash_v_is_the_version_at_the_root_and_the_api_version_under_init(self):
        # As kratix-cli: `kratix -v` prints the version; init's -v is --version (of the API).
        self.assertEqual(self.kratix_ok("-v").out, self.kratix_ok("version").out)
        self.kratix_ok("init", "promise", "pg", "--group", "myorg.com", "--kind", "Database", "-v", "v2")
        self.assertIn("apiVersion: myorg.com/v2", self.read("example-resource.yaml"))

    def test_a_flag_given_twice_takes_the_last_value(self):
        # cobra's behaviour, which kratix-cli's users script against; lists (-p, labels) still collect.
        self.kratix_ok("init", "promise", "pg", "--group", "a.com", "--kind", "Database", "--group", "myorg.com",
                       "-v", "v1", "--version", "v2", "--split", "--split")
        self.assertIn("apiVersion: myorg.com/v2", self.read("example-resource.yaml"))
        self.kratix_ok("update", "api", "-p", "a:string", "-p", "b:integer")
        api = self.read("api.yaml")
        self.assertIn("a:\n", api)
        self.assertIn("b:\n", api)

    @unittest.skipUnless(os.environ.get("KRATIX_DLOPEN") == "1" and shutil.which("readelf"),
                         "a build that links libcurl and libarchive (KRATIX_DLOPEN=OFF), or no readelf")
    def test_startup_does_not_load_libcurl_or_libarchive(self):
        dynamic = subprocess.run(["readelf", "-d", KRATIX], capture_output=True, text=True, check=True).stdout
        needed = [line.split("[")[1].rstrip("]") for line in dynamic.splitlines() if "(NEEDED)" in line]
        self.assertFalse([n for n in needed if n.startswith(("libcurl", "libarchive", "libssl", "libcrypto"))], needed)
        if os.environ.get("KRATIX_STATIC") == "1":  # libstdc++ and yaml-cpp linked in: glibc only
            self.assertTrue(all(n.startswith(("libc.so", "libm.so", "ld-linux")) for n in needed), needed)
        # ...and the commands that need them still find them at run time.
        self.write("chart/Chart.yaml", "apiVersion: v2\nname: c\nversion: 1.0.0\n")
        self.write("chart/values.yaml", "a: 1\n")
        tgz = subprocess.run(["tar", "-czf", self.path("c.tgz"), "-C", self.dir, "chart"], capture_output=True)
        self.assertEqual(tgz.returncode, 0, tgz.stderr)
        self.kratix_ok("init", "helm-promise", "c", "--group", "a.com", "--kind", "C", "--chart-url", "c.tgz")


class ErrorsTest(KratixTestCase):
    def test_unknown_command_suggests_the_closest(self):
        r = self.kratix_fails(2, "int", "promise")
        self.assertIn("unknown command 'int' for 'kratix'; did you mean 'init'?", r.err)
        r = self.kratix_fails(2, "init", "promis")
        self.assertIn("unknown command 'promis' for 'kratix init'; did you mean 'promise'?", r.err)
        r = self.kratix_fails(2, "deploy")
        self.assertNotIn("did you mean", r.err)

    def test_unknown_flag_is_a_usage_error(self):
        r = self.kratix_fails(2, "init", "promise", "pg", "--group", "a.io", "--kind", "Db", "--nope")
        self.assertIn("--nope", r.err)

    def run_on_tty(self, args, env):
        """Runs kratix with stdout and stderr on a pseudo-terminal; returns what it printed."""
        return run_on_terminal([KRATIX, *args], self.dir, env)[1].decode()

    def test_colour_only_on_a_terminal_and_never_with_no_color(self):
        env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        env["TERM"] = "xterm"
        on_tty = self.run_on_tty(["int"], env)
        self.assertIn("\033[", on_tty)
        env["NO_COLOR"] = "1"
        self.assertNotIn("\033[", self.run_on_tty(["int"], env))
        piped = self.run_kratix("int")
        self.assertNotIn("\033[", piped.err + piped.out)


class CompletionTest(KratixTestCase):
    def setUp(self):
        super().setUp()
        os.makedirs(self.path("bin"))
        os.symlink(os.path.abspath(KRATIX), self.path("bin", "kratix"))
        self.env = dict(os.environ, PATH=self.path("bin") + os.pathsep + os.environ["PATH"])

    def shell(self, argv):
        return subprocess.run(argv, env=self.env, capture_output=True, text=True, timeout=60, cwd=self.dir)

    def bash_complete(self, *words):
        script = ("source <(kratix completion bash)\n"
                  f"COMP_WORDS=({' '.join(repr(w) for w in words)}); COMP_CWORD={len(words) - 1}\n"
                  "_kratix_complete; printf '%s\\n' \"${COMPREPLY[@]}\"\n")
        r = self.shell(["bash", "-c", script])
        self.assertEqual(r.returncode, 0, r.stderr)
        return [line for line in r.stdout.splitlines() if line]

    def test_bash_completes_commands_flags_and_choices(self):
        self.assertEqual(self.bash_complete("kratix", ""), ["init", "update", "add", "remove", "build", "validate", "test", "platform", "plugin", "completion", "version", "help"])
        self.assertEqual(self.bash_complete("kratix", "init", "pro"), ["promise"])
        self.assertEqual(self.bash_complete("kratix", "init", "promise", "--gr"), ["--group"])
        self.assertIn("--split", self.bash_complete("kratix", "init", "promise", "pg", "--"))
        # A boolean flag takes no value: what follows it completes as usual.
        self.assertEqual(self.bash_complete("kratix", "init", "promise", "--split", "--gr"), ["--group"])
        self.assertEqual(self.bash_complete("kratix", "completion", ""), ["bash", "zsh", "fish", "powershell"])
        self.write("dirs/somewhere/x", "")
        self.assertEqual(self.bash_complete("kratix", "init", "promise", "--dir", "dirs/so"), ["dirs/somewhere"])

    @unittest.skipUnless(shutil.which("zsh"), "zsh is not installed")
    def test_zsh_script_parses_and_completes(self):
        out = self.path("_kratix")
        with open(out, "w") as fh:
            fh.write(self.kratix_ok("completion", "zsh").out)
        self.assertEqual(self.shell(["zsh", "-n", out]).returncode, 0)
        # Stand-ins for zsh's completion functions show what the script offers.
        script = ("compdef() { :; }; _describe() { print -l -- \"${(@P)4}\"; }\n"
                  f"source {out}\nwords=(kratix init pro); CURRENT=3; _kratix\n"
                  "words=(kratix init promise --); CURRENT=4; _kratix\n")
        r = self.shell(["zsh", "-f", "-c", script])
        self.assertIn("promise:Create a new, empty Promise", r.stdout)
        self.assertIn("--group:", r.stdout)

    @unittest.skipUnless(shutil.which("fish"), "fish is not installed")
    def test_fish_completes(self):
        r = self.shell(["fish", "--no-config", "-c",
                        "kratix completion fish | source; complete -C 'kratix init pro'; complete -C 'kratix init promise --gr'"])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("promise\tCreate a new, empty Promise", r.stdout)
        self.assertIn("--group\t", r.stdout)

    def test_powershell_script_registers_a_completer_for_every_command(self):
        s = self.kratix_ok("completion", "powershell").out
        self.assertIn("Register-ArgumentCompleter -Native -CommandName 'kratix'", s)
        for path in ("kratix", "kratix init promise", "kratix platform get resources", "kratix completion"):
            self.assertIn(f"  '{path}' = @{{\n", s)
        self.assertIn("args = @('bash', 'zsh', 'fish', 'powershell')", s)
        self.assertIn("'--output\twide json yaml'", s)

    def test_unknown_shell_is_a_usage_error(self):
        self.kratix_fails(2, "completion", "tcsh")


class PluginTest(KratixTestCase):
    def setUp(self):
        super().setUp()
        self.bin1 = self.path("bin1")
        self.bin2 = self.path("bin2")
        os.makedirs(self.bin1)
        os.makedirs(self.bin2)
        self.env = {"PATH": self.bin1 + os.pathsep + self.bin2 + os.pathsep + "/usr/bin:/bin"}

    def plugin(self, directory, name, body, mode=0o755):
        path = os.path.join(directory, name)
        with open(path, "w") as fh:
            fh.write("#!/bin/sh\n" + body + "\n")
        os.chmod(path, mode)

    def test_unknown_command_runs_the_longest_matching_plugin_with_its_exit_code(self):
        self.plugin(self.bin1, "kratix-foo", 'echo "foo:$*"; exit 3')
        self.plugin(self.bin2, "kratix-foo-bar", 'echo "foo-bar:$*"; echo err >&2; exit 5')
        r = self.run_kratix("foo", "bar", "baz", "--flag", "x", env=self.env)
        self.assertEqual((r.code, r.out, r.err), (5, "foo-bar:baz --flag x\n", "err\n"))
        r = self.run_kratix("foo", "qux", env=self.env)
        self.assertEqual((r.code, r.out), (3, "foo:qux\n"))

    def test_builtin_commands_win_over_plugins(self):
        self.plugin(self.bin1, "kratix-version", "echo plugin")
        r = self.kratix_ok("version", env=self.env)
        self.assertIn("kratix version", r.out)

    def test_plugin_list_shows_plugins_and_warnings(self):
        self.plugin(self.bin1, "kratix-foo", "true")
        self.plugin(self.bin2, "kratix-foo", "true")
        self.plugin(self.bin2, "kratix-bar", "true", mode=0o644)
        self.plugin(self.bin2, "kratix-init-x", "true")
        self.plugin(self.bin2, "kratix-good", "true")
        r = self.run_kratix("plugin", "list", env=self.env)
        self.assertEqual(r.code, 1, r)
        for p in (os.path.join(self.bin1, "kratix-foo"), os.path.join(self.bin2, "kratix-good")):
            self.assertIn(p, r.out)
        self.assertIn("kratix-bar is named like a kratix plugin but is not executable", r.err)
        self.assertIn(os.path.join(self.bin2, "kratix-foo") + " is shadowed by " + os.path.join(self.bin1, "kratix-foo"), r.err)
        self.assertIn("built-in command 'kratix init'", r.err)

    def test_plugin_list_without_warnings_succeeds(self):
        self.plugin(self.bin1, "kratix-good", "true")
        r = self.kratix_ok("plugin", "list", env=self.env)
        self.assertIn(os.path.join(self.bin1, "kratix-good"), r.out)
        self.assertEqual(r.err, "")

    def test_plugin_list_without_plugins_fails(self):
        r = self.run_kratix("plugin", "list", env=self.env)
        self.assertEqual(r.code, 1)
        self.assertIn("no kratix plugins found on PATH", r.err)


if __name__ == "__main__":
    unittest.main()
