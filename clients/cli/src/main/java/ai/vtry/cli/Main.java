package ai.vtry.cli;

/** {@code java -jar vtry-cli.jar ...}: runs one command and exits with its code (see {@link VtryCommand}). */
public final class Main {

    public static void main(String[] args) {
        System.exit(VtryCommand.execute(Environment.system(), args));
    }

    private Main() {
    }
}
