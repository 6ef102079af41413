import { splitScript } from './shell-script';

describe('splitting sh -c scripts', () => {
  it.each([
    ['echo The app is running! && sleep 3600', [[';', ['echo', 'The', 'app', 'is', 'running!']], ['&&', ['sleep', '3600']]]],
    ['sleep 5; exit 3', [[';', ['sleep', '5']], [';', ['exit', '3']]]],
    ['false || exit 4', [[';', ['false']], ['||', ['exit', '4']]]],
    ['true\nexit 0\n', [[';', ['true']], [';', ['exit', '0']]]],
    [`echo 'a  b' "c \\"d\\"" e\\ f`, [[';', ['echo', 'a  b', 'c "d"', 'e f']]]],
    ['echo "" x', [[';', ['echo', '', 'x']]]],
    ['# a comment\necho hi # trailing', [[';', ['echo', 'hi']]]],
    ['echo a#b', [[';', ['echo', 'a#b']]]],
    ['sleep 1 \\\n  && echo done', [[';', ['sleep', '1']], ['&&', ['echo', 'done']]]],
    ['  ;; ', []],
  ])('%j', (script, expected) => {
    expect(splitScript(script).map((c) => [c.connector, c.words])).toEqual(expected);
  });
});
