package ai.vtry.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import ai.vtry.client.model.HistoryKind;
import ai.vtry.client.model.HistoryPage;
import ai.vtry.client.model.Job;
import ai.vtry.client.model.JobStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code vtry history}: a page of the workspace's jobs, newest first, and optionally their images. */
@Command(name = "history", description = "List the workspace's jobs, newest first (generations and edits; --all for "
        + "every job), and download their images with --download DIR.")
final class HistoryCommand implements Callable<Integer> {

    @ParentCommand
    VtryCommand root;

    @Option(names = "--page", defaultValue = "1", description = "From 1.")
    int page;

    @Option(names = "--page-size", defaultValue = "20", description = "1 to 100.")
    int pageSize;

    @Option(names = "--all", description = "Also the person and clothes jobs.")
    boolean all;

    @Option(names = "--download", paramLabel = "DIR", description = "Save every image of the page's COMPLETED jobs "
            + "in DIR, as JOB-N.EXT.")
    Path download;

    @Override
    public Integer call() {
        HistoryPage history = root.client().history().list(page, pageSize, all ? HistoryKind.ALL : HistoryKind.IMAGES);
        if (root.json) {
            root.printJson(history);
        } else {
            for (Job job : history.jobs()) {
                root.env.out().printf("%s  %-16s %-10s %s%n", job.id(), job.kind(), job.status(), job.createdAt());
            }
            root.env.out().println("page " + history.page() + " of " + history.totalPages() + ", " + history.total()
                    + " jobs");
        }
        if (download != null) {
            for (Job job : history.jobs()) {
                if (job.status() == JobStatus.COMPLETED) {
                    save(job);
                }
            }
        }
        return VtryCommand.OK;
    }

    private void save(Job job) {
        List<Job.Image> images = job.images();
        for (int i = 0; i < images.size(); i++) {
            String key = images.get(i).imageKey();
            String extension = key.contains(".") ? key.substring(key.lastIndexOf('.')) : ".jpg";
            Path target = download.resolve(job.id() + "-" + (i + 1) + extension);
            root.client().downloads().download(images.get(i).imageUrl(), target);
            root.env.err().println("saved " + target);
        }
    }
}
